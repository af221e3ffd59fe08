package dev.rewind.cli;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.DiscoveredApp;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.RepositoryLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a Kopia repository is and how to open it, as a picocli mixin shared by the repository commands. Either
 * offline — flags first, then the environment Volsync's repository secrets use ({@code KOPIA_REPOSITORY},
 * {@code KOPIA_PASSWORD}, {@code KOPIA_S3_*}, {@code AWS_*}) — or through the cluster with {@code --app}: the app's
 * ReplicationSource, repository Secret and Kopia identity are discovered, and {@code --repository} may still point
 * at a local mount of the same repository (an NFS share the mover reaches at {@code /repository}). The password is
 * never echoed or logged.
 */
final class RepositoryOptions {
    @Option(names = "--app", paramLabel = "APP", description = "Read the repository of this app (its "
            + "ReplicationSource), discovered in the cluster.")
    private String app;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace of --app (default: search "
            + "all).")
    private String namespace;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--repository", paramLabel = "URL",
            description = "s3://bucket[/prefix] or filesystem:///path (default: $KOPIA_REPOSITORY).")
    private String repository;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the repository password (default: $KOPIA_PASSWORD).")
    private Path passwordFile;

    @Option(names = "--endpoint", paramLabel = "HOST[:PORT]|URL",
            description = "S3 endpoint, e.g. garage.storage:3900 (default: $KOPIA_S3_ENDPOINT or $AWS_S3_ENDPOINT).")
    private String endpoint;

    @Option(names = "--disable-tls", description = "Talk plain HTTP to the S3 endpoint ($KOPIA_S3_DISABLE_TLS).")
    private boolean disableTls;

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: $AWS_REGION or us-east-1).")
    private String region;

    /** Opens the repository (format blob, key derivation, index) read-only, with the app it belongs to if any. */
    OpenedRepository open(RewindCommand rewind) {
        if (app == null) {
            return new OpenedRepository(openOffline(rewind), Optional.empty());
        }
        App found;
        try (KubernetesConnection connection = cluster.connect(rewind)) {
            found = new AppDiscovery(connection.reader()).get(app, Optional.ofNullable(namespace));
        }
        return new OpenedRepository(openFor(rewind, found), Optional.of(found));
    }

    /**
     * Every resolved app of the scope ({@code -n}, else all namespaces) and their repositories: for
     * {@code verify --all}. Apps that do not resolve are reported to {@code problems}.
     */
    List<App> allApps(RewindCommand rewind, java.util.function.Consumer<String> problems) {
        try (KubernetesConnection connection = cluster.connect(rewind)) {
            List<App> apps = new java.util.ArrayList<>();
            for (DiscoveredApp d : new AppDiscovery(connection.reader()).findAll(ClusterOptions.scope(namespace))) {
                switch (d) {
                    case DiscoveredApp.Resolved r -> apps.add(r.app());
                    case DiscoveredApp.Unresolved u -> problems.accept(u.namespace() + "/" + u.name() + ": "
                            + u.problem().getMessage());
                }
            }
            return apps;
        }
    }

    /** Opens one app's repository (the local mount of {@code --repository} wins over its secret's URL). */
    KopiaRepository openFor(RewindCommand rewind, App found) {
        Map<String, String> secret = new HashMap<>(found.repository().data());
        secret.put("KOPIA_REPOSITORY", repositoryUrlFor(found));
        secret.putAll(environment(Map.of()));
        RepositoryLocation location = RepositoryLocation.fromVolsyncSecret(secret);
        char[] password = passwordFile != null ? password(Map.of()) : found.repository().password().toCharArray();
        return KopiaRepository.open(BlobStoreFactory.standard(rewind.clock()).open(location), password);
    }

    /** The repository URL used for an app: {@code --repository} if given, else the app's own. */
    String repositoryUrlFor(App found) {
        return repository != null ? repository : found.repositoryUrl();
    }

    /** A repository and, with {@code --app}, the app whose backups it holds. */
    record OpenedRepository(KopiaRepository repository, Optional<App> app) {
        /** The app's Kopia source ({@code user@host:path}), when opened through {@code --app}. */
        Optional<SourceInfo> appSource() {
            return app.map(a -> SourceInfo.parse(a.identity().toString()));
        }
    }

    private KopiaRepository openOffline(RewindCommand rewind) {
        Map<String, String> env = environment(rewind.environment());
        String url = Optional.ofNullable(repository).or(() -> Optional.ofNullable(env.get("KOPIA_REPOSITORY")))
                .orElseThrow(() -> new RewindException(Reason.INVALID_INPUT, "no repository given",
                        "pass --repository s3://bucket/prefix or filesystem:///path, or set KOPIA_REPOSITORY", null));
        RepositoryLocation location = RepositoryLocation.parse(url, env);
        char[] password = password(env);
        BlobStore store = BlobStoreFactory.standard(rewind.clock()).open(location);
        return KopiaRepository.open(store, password);
    }

    private Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        if (endpoint != null) {
            env.put("KOPIA_S3_ENDPOINT", endpoint);
        }
        if (disableTls) {
            env.put("KOPIA_S3_DISABLE_TLS", "true");
        }
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        return env;
    }

    private char[] password(Map<String, String> env) {
        if (passwordFile != null) {
            try {
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                return text.strip().toCharArray();
            } catch (IOException e) {
                throw new RewindException(Reason.INVALID_INPUT, "cannot read password file " + passwordFile + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }
        String fromEnv = env.get("KOPIA_PASSWORD");
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "no repository password given",
                    "pass --password-file FILE or set KOPIA_PASSWORD", null);
        }
        return fromEnv.toCharArray();
    }
}
