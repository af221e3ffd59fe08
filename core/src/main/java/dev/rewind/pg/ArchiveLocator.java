package dev.rewind.pg;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.SecretData;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.PluginConfiguration;
import dev.rewind.cnpg.SecretKeyRef;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.s3.S3Credentials;
import dev.rewind.storage.s3.S3Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves where a CNPG cluster's Barman archive lives (cnpg-barman.md §7.1): Cluster →
 * {@code spec.plugins[name=barman-cloud.cloudnative-pg.io].parameters} ({@code barmanObjectName}, {@code serverName}
 * defaulting to the Cluster name) → ObjectStore in the same namespace ({@code destinationPath s3://bucket/path},
 * {@code endpointURL}, {@code s3Credentials} Secret references) → Secret values → {@link ArchiveLocation}. The S3
 * settings are Garage-friendly (§7.2): path-style addressing for a custom endpoint, region from the ObjectStore's
 * {@code region} Secret reference or us-east-1; the storage layer already sends checksums only when required.
 *
 * <p>Reads one LIST of Clusters, one LIST of ObjectStores and one GET per referenced Secret. Nothing is read from
 * S3: a wrong key pair surfaces as UNAVAILABLE from the store on first use. Thread-safe.
 */
public final class ArchiveLocator {
    private final ClusterReader reader;

    public ArchiveLocator(ClusterReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * The archive of Cluster {@code namespace/clusterName}.
     *
     * @throws RewindException NOT_FOUND for a missing Cluster, ObjectStore or Secret (naming it and who refers to
     *                         it); INVALID_INPUT for a Cluster without the Barman Cloud plugin or its
     *                         {@code barmanObjectName}, or an ObjectStore without credentials or with a Secret lacking
     *                         the referenced key; UNSUPPORTED for a non-S3 destinationPath
     */
    public ArchiveLocation locate(String namespace, String clusterName) {
        NamespaceScope scope = NamespaceScope.of(namespace);
        Cluster cluster = reader.listPostgresClusters(scope).stream()
                .filter(c -> c.name().equals(clusterName)).findFirst()
                .orElseThrow(() -> new RewindException(Reason.NOT_FOUND, "no CNPG Cluster " + namespace + "/"
                        + clusterName, "list them with: kubectl get clusters.postgresql.cnpg.io -n " + namespace,
                        null));
        String who = "Cluster " + namespace + "/" + clusterName;
        PluginConfiguration plugin = cluster.barmanCloudPlugin().orElseThrow(() -> new RewindException(
                Reason.INVALID_INPUT, who + " has no enabled " + PluginConfiguration.BARMAN_CLOUD
                + " entry in spec.plugins", "rewind reads plugin-based Barman Cloud archives only; for another"
                + " archive use --archive s3://bucket/path --server-name NAME", null));
        String storeName = plugin.barmanObjectName().orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                who + ": the " + PluginConfiguration.BARMAN_CLOUD + " plugin has no barmanObjectName parameter"));
        ObjectStore store = reader.listObjectStores(scope).stream()
                .filter(s -> s.name().equals(storeName)).findFirst()
                .orElseThrow(() -> new RewindException(Reason.NOT_FOUND, "no ObjectStore " + namespace + "/"
                        + storeName + " (barmanObjectName of " + who + ")"));
        String storeWho = "ObjectStore " + namespace + "/" + storeName;
        Destination destination = Destination.parse(store.destinationPath(), storeWho + " spec.configuration.destinationPath");

        var refs = store.s3Credentials();
        S3Credentials credentials;
        if (refs.inheritFromIamRole()) {
            credentials = new S3Credentials.DefaultChain();
        } else {
            SecretKeyRef accessRef = refs.accessKeyId().orElseThrow(() -> missingRef(storeWho, "accessKeyId"));
            SecretKeyRef secretRef = refs.secretAccessKey().orElseThrow(() -> missingRef(storeWho, "secretAccessKey"));
            String access = secretValue(namespace, accessRef, storeWho + " s3Credentials.accessKeyId");
            String secret = secretValue(namespace, secretRef, storeWho + " s3Credentials.secretAccessKey");
            Optional<String> token = refs.sessionToken()
                    .map(r -> secretValue(namespace, r, storeWho + " s3Credentials.sessionToken"));
            credentials = new S3Credentials.Static(access, secret, token);
        }
        String region = refs.region().map(r -> secretValue(namespace, r, storeWho + " s3Credentials.region"))
                .orElse(S3Settings.DEFAULT_REGION);
        S3Settings settings = S3Settings.of(destination.bucket(), "").withRegion(region).withCredentials(credentials);
        if (store.endpointUrl().isPresent()) {
            settings = settings.withEndpoint(endpoint(store.endpointUrl().get(), storeWho + " endpointURL"));
        }
        return new ArchiveLocation(new RepositoryLocation.S3(settings), destination.prefix(), cluster.serverName(),
                Optional.of(storeName));
    }

    /**
     * An archive given on the command line, without Kubernetes: {@code s3://bucket[/path]} or {@code file:///dir}
     * (a local mirror of the bucket, blob id = relative path).
     *
     * <p>For S3: endpoint from {@code options}, else {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL},
     * else AWS; a custom endpoint uses path-style addressing. Region from {@code options}, else {@code AWS_REGION},
     * else {@code AWS_DEFAULT_REGION}, else us-east-1. Credentials {@code AWS_ACCESS_KEY_ID} +
     * {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN}), else the AWS SDK default chain.
     *
     * @throws RewindException INVALID_INPUT naming the malformed URL, endpoint or server name
     */
    public static ArchiveLocation offline(String archiveUrl, String serverName, S3Options options,
                                          Map<String, String> environment) {
        Objects.requireNonNull(archiveUrl, "archiveUrl");
        if (serverName == null || serverName.isBlank() || serverName.contains("/")) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid --server-name '" + serverName + "'",
                    "the server name is the archive folder, by default the CNPG Cluster's name", null);
        }
        if (archiveUrl.startsWith("file:")) {
            Path root;
            try {
                root = Path.of(new URI(archiveUrl));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new RewindException(Reason.INVALID_INPUT, "invalid archive URL '" + archiveUrl + "'",
                        "use file:///absolute/dir", e);
            }
            return new ArchiveLocation(new RepositoryLocation.Filesystem(root,
                    RepositoryLocation.Filesystem.Layout.PLAIN), "", serverName, Optional.empty());
        }
        Destination destination = Destination.parse(archiveUrl, "--archive");
        Optional<String> endpoint = options.endpoint().or(() -> env(environment, "AWS_ENDPOINT_URL_S3"))
                .or(() -> env(environment, "AWS_ENDPOINT_URL"));
        String region = options.region().or(() -> env(environment, "AWS_REGION"))
                .or(() -> env(environment, "AWS_DEFAULT_REGION")).orElse(S3Settings.DEFAULT_REGION);
        Optional<String> access = env(environment, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = env(environment, "AWS_SECRET_ACCESS_KEY");
        S3Credentials credentials = access.isPresent() && secret.isPresent()
                ? new S3Credentials.Static(access.get(), secret.get(), env(environment, "AWS_SESSION_TOKEN"))
                : new S3Credentials.DefaultChain();
        S3Settings settings = S3Settings.of(destination.bucket(), "").withRegion(region).withCredentials(credentials);
        if (endpoint.isPresent()) {
            settings = settings.withEndpoint(endpoint(endpoint.get(), "--endpoint"));
        }
        return new ArchiveLocation(new RepositoryLocation.S3(settings), destination.prefix(), serverName,
                Optional.empty());
    }

    private static Optional<String> env(Map<String, String> environment, String key) {
        return Optional.ofNullable(environment.get(key)).filter(v -> !v.isBlank());
    }

    private static URI endpoint(String value, String field) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid S3 endpoint '" + value + "' (" + field + ")",
                    "use http://host:port or https://host", e);
        }
    }

    private static RewindException missingRef(String storeWho, String field) {
        return new RewindException(Reason.INVALID_INPUT, storeWho + " has no s3Credentials." + field
                + " (and inheritFromIAMRole is not set)");
    }

    private String secretValue(String namespace, SecretKeyRef ref, String usedBy) {
        SecretData secret = reader.findSecret(namespace, ref.name()).orElseThrow(() -> new RewindException(
                Reason.NOT_FOUND, "no Secret " + namespace + "/" + ref.name() + " (" + usedBy + ")"));
        return secret.find(ref.key()).filter(v -> !v.isEmpty()).orElseThrow(() -> new RewindException(
                Reason.INVALID_INPUT, "Secret " + namespace + "/" + ref.name() + " has no key " + ref.key() + " ("
                + usedBy + ")", "keys present: " + new java.util.TreeSet<>(secret.data().keySet()), null));
    }

    /** {@code s3://bucket[/prefix]} split as barman does: bucket = netloc, prefix = path without leading '/'. */
    private record Destination(String bucket, String prefix) {
        static Destination parse(String url, String field) {
            String value = url.strip();
            int colon = value.indexOf("://");
            String scheme = colon < 0 ? "" : value.substring(0, colon);
            if (!scheme.equals("s3")) {
                Reason reason = scheme.equals("azure") || scheme.equals("gs") || scheme.startsWith("http")
                        ? Reason.UNSUPPORTED : Reason.INVALID_INPUT;
                throw new RewindException(reason, "archive destination '" + value + "' (" + field
                        + ") is not s3://bucket[/path]", "rewind reads S3-compatible archives and file:// mirrors",
                        null);
            }
            String rest = value.substring(colon + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (!path.isEmpty() && !path.endsWith("/")) {
                path = path + "/";
            }
            if (bucket.isEmpty()) {
                throw new RewindException(Reason.INVALID_INPUT, "archive destination '" + value + "' (" + field
                        + ") has no bucket");
            }
            return new Destination(bucket, path);
        }
    }
}
