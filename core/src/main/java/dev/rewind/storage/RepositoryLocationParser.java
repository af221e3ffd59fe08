package dev.rewind.storage;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.s3.S3Credentials;
import dev.rewind.storage.s3.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parsing behind {@link RepositoryLocation#parse}; follows Volsync's kopia mover (volsync.md §3). */
final class RepositoryLocationParser {
    static final String KOPIA_REPOSITORY = "KOPIA_REPOSITORY";
    static final String ACCEPTED_FORMS = "accepted forms: s3://bucket[/prefix] (with KOPIA_S3_ENDPOINT, "
            + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION), filesystem:///abs/path, /abs/path, "
            + "file:///abs/path (plain directory, e.g. a Barman mirror)";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]*");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");
    private static final String AWS_ENDPOINT_HOST = "s3.amazonaws.com";
    /** Backends Volsync's mover knows and rewind does not read, keyed by the variable that selects them. */
    private static final List<String> UNSUPPORTED_KEYS = List.of("KOPIA_AZURE_CONTAINER", "KOPIA_GCS_BUCKET",
            "KOPIA_B2_BUCKET", "WEBDAV_URL", "SFTP_HOST", "RCLONE_REMOTE_PATH", "GOOGLE_DRIVE_FOLDER_ID");

    private final Map<String, String> env;

    RepositoryLocationParser(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
    }

    RepositoryLocation parse(String rawUrl) {
        String url = rawUrl == null ? "" : rawUrl.strip();
        Optional<String> bucketOverride = value("KOPIA_S3_BUCKET");
        if (bucketOverride.isPresent() || url.startsWith("s3://")) {
            return s3(url, bucketOverride);
        }
        if (url.startsWith("filesystem://")) {
            return new RepositoryLocation.Filesystem(absolutePath(url, url.substring("filesystem://".length())),
                    RepositoryLocation.Filesystem.Layout.KOPIA_SHARDED);
        }
        if (url.startsWith("file://")) {
            return new RepositoryLocation.Filesystem(absolutePath(url, url.substring("file://".length())),
                    RepositoryLocation.Filesystem.Layout.PLAIN);
        }
        if (url.startsWith("/")) {
            return new RepositoryLocation.Filesystem(absolutePath(url, url),
                    RepositoryLocation.Filesystem.Layout.KOPIA_SHARDED);
        }
        for (String key : UNSUPPORTED_KEYS) {
            if (value(key).isPresent()) {
                throw new RewindException(Reason.UNSUPPORTED, "repository backend selected by " + key
                        + " is not supported", ACCEPTED_FORMS, null);
            }
        }
        if (url.isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "repository URL is empty (" + KOPIA_REPOSITORY
                    + " not set)", ACCEPTED_FORMS, null);
        }
        throw invalid(url, "unknown scheme");
    }

    private RepositoryLocation s3(String url, Optional<String> bucketOverride) {
        String bucket = "";
        String prefix = "";
        if (url.startsWith("s3://")) {
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            prefix = slash < 0 ? "" : rest.substring(slash + 1);
        }
        // KOPIA_S3_BUCKET with a non-s3 URL: the mover connects to S3 anyway and ignores the URL (S3 is tried first)
        if (bucketOverride.isPresent()) {
            bucket = bucketOverride.get();
            if (!BUCKET.matcher(bucket).matches()) {
                throw new RewindException(Reason.INVALID_INPUT, "invalid bucket name in KOPIA_S3_BUCKET: '" + bucket
                        + "'", "bucket names are 3-63 lowercase letters, digits, dots and hyphens", null);
            }
        } else if (!BUCKET.matcher(bucket).matches()) {
            throw invalid(url, "'" + bucket + "' is not a valid S3 bucket name (3-63 lowercase letters, digits, "
                    + "dots, hyphens)");
        }
        S3Settings settings = S3Settings.of(bucket, normalizedPrefix(url, prefix))
                .withRegion(value("AWS_REGION").or(() -> value("AWS_DEFAULT_REGION")).orElse(S3Settings.DEFAULT_REGION))
                .withCredentials(credentials());
        Optional<URI> endpoint = endpoint();
        if (endpoint.isPresent()) {
            settings = settings.withEndpoint(endpoint.get());
        }
        return new RepositoryLocation.S3(settings);
    }

    private String normalizedPrefix(String url, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw invalid(url, "the prefix may only contain letters, digits, '.', '_', '/' and '-'");
        }
        if (prefix.contains("..")) {
            throw invalid(url, "the prefix must not contain '..'");
        }
        String collapsed = prefix.replaceAll("/+", "/");
        if (collapsed.startsWith("/")) {
            collapsed = collapsed.substring(1);
        }
        return collapsed.isEmpty() || collapsed.endsWith("/") ? collapsed : collapsed + "/";
    }

    private Optional<URI> endpoint() {
        Optional<String> key = value("KOPIA_S3_ENDPOINT").isPresent() ? Optional.of("KOPIA_S3_ENDPOINT")
                : value("AWS_S3_ENDPOINT").isPresent() ? Optional.of("AWS_S3_ENDPOINT") : Optional.empty();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String raw = value(key.get()).orElseThrow();
        String hostPort = raw.replaceFirst("^(?i)https?://", "");
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        if (!HOST_PORT.matcher(hostPort).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid S3 endpoint in " + key.get() + ": '" + raw + "'",
                    "use host[:port], e.g. garage.storage.svc:3900 (set KOPIA_S3_DISABLE_TLS=true for plain HTTP)",
                    null);
        }
        if (hostPort.equalsIgnoreCase(AWS_ENDPOINT_HOST)) {
            return Optional.empty();
        }
        boolean disableTls = flag("KOPIA_S3_DISABLE_TLS") || flag("AWS_S3_DISABLE_TLS");
        return Optional.of(URI.create((disableTls ? "http://" : "https://") + hostPort));
    }

    private S3Credentials credentials() {
        Optional<String> accessKey = value("AWS_ACCESS_KEY_ID");
        Optional<String> secretKey = value("AWS_SECRET_ACCESS_KEY");
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return new S3Credentials.Static(accessKey.get(), secretKey.get(), value("AWS_SESSION_TOKEN"));
        }
        if (accessKey.isPresent() || secretKey.isPresent()) {
            String missing = accessKey.isPresent() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID";
            String present = accessKey.isPresent() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
            throw new RewindException(Reason.INVALID_INPUT, missing + " is missing while " + present + " is set",
                    "set both keys, or neither to use the default AWS credential chain", null);
        }
        return new S3Credentials.DefaultChain();
    }

    private static Path absolutePath(String url, String path) {
        if (!path.startsWith("/")) {
            throw invalid(url, "the path must be absolute (three slashes: filesystem:///path)");
        }
        if (path.contains("/../") || path.endsWith("/..") || path.contains("\0")) {
            throw invalid(url, "the path must not contain '..'");
        }
        return Path.of(path).normalize();
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private boolean flag(String key) {
        return value(key).map(v -> v.toLowerCase(Locale.ROOT)).map(v -> v.equals("true") || v.equals("1"))
                .orElse(false);
    }

    private static RewindException invalid(String url, String why) {
        return new RewindException(Reason.INVALID_INPUT, "invalid repository URL '" + url + "': " + why,
                ACCEPTED_FORMS, null);
    }
}
