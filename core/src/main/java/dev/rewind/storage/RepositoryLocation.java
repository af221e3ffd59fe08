package dev.rewind.storage;

import dev.rewind.storage.s3.S3Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a repository or archive lives, as parsed from what a Volsync repository Secret (or the process
 * environment) holds: an S3 bucket and prefix with endpoint, region and credentials, or a local directory.
 * {@link #describe()} and {@link #toString()} never show secrets.
 *
 * <p>Accepted forms (volsync.md §3): {@code s3://bucket[/prefix]} (or just {@code KOPIA_S3_BUCKET}),
 * {@code filesystem:///abs/path} and {@code /abs/path} (kopia's sharded layout), {@code file:///abs/path} (a plain
 * directory tree such as a Barman mirror). See {@link #parse} for the keys read.
 */
public sealed interface RepositoryLocation {

    /** For messages: {@code s3://bucket/prefix/ at https://endpoint}, {@code filesystem:///repository}. */
    String describe();

    /** An S3 bucket. */
    record S3(S3Settings settings) implements RepositoryLocation {
        public S3 {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String describe() {
            return settings.describe();
        }

        @Override
        public String toString() {
            return "S3[" + settings + "]";
        }
    }

    /** A local directory (often an NFS mount) in kopia's sharded layout or as a plain tree. */
    record Filesystem(Path root, Layout layout) implements RepositoryLocation {
        /** How blob ids map to files. */
        public enum Layout {
            /** Kopia's filesystem repository: {@code .shards}, sharded directories, {@code .f} files. */
            KOPIA_SHARDED,
            /** The blob id is the relative path (Barman Cloud archive mirrored to a directory). */
            PLAIN
        }

        public Filesystem {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(layout, "layout");
        }

        @Override
        public String describe() {
            return (layout == Layout.KOPIA_SHARDED ? "filesystem://" : "file://") + root;
        }
    }

    /**
     * Parses a repository URL with the environment-like keys Volsync's kopia mover reads (volsync.md §3):
     * <ul>
     *   <li>S3 when {@code KOPIA_S3_BUCKET} is set or the URL is {@code s3://bucket[/prefix]};
     *       {@code KOPIA_S3_BUCKET} wins over the URL's bucket, the URL's prefix is kept (a URL of another kind is
     *       ignored then, as the mover tries S3 first). The prefix is limited to
     *       {@code [A-Za-z0-9._/-]}, must not contain {@code ..}, duplicate slashes are collapsed and a trailing
     *       {@code /} is added (the fork's behaviour since commit 4fc031dc).</li>
     *   <li>Endpoint from {@code KOPIA_S3_ENDPOINT}, else {@code AWS_S3_ENDPOINT} ({@code host[:port]}, any
     *       {@code http(s)://} is stripped), else AWS. TLS is on unless {@code KOPIA_S3_DISABLE_TLS} or
     *       {@code AWS_S3_DISABLE_TLS} is {@code true} — as in the mover, an {@code http://} endpoint alone does
     *       not turn TLS off. Custom endpoints use path-style addressing.</li>
     *   <li>Region from {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else us-east-1.</li>
     *   <li>Credentials {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN}),
     *       else the AWS SDK default chain.</li>
     *   <li>{@code filesystem:///abs/path} or {@code /abs/path}: kopia filesystem repository;
     *       {@code file:///abs/path}: plain directory tree.</li>
     * </ul>
     *
     * @throws dev.rewind.error.RewindException INVALID_INPUT naming the URL or key for malformed input, with a hint
     *                                          listing the accepted forms; UNSUPPORTED for backends rewind cannot
     *                                          read (Azure, GCS, B2, WebDAV, SFTP, rclone)
     */
    static RepositoryLocation parse(String url, Map<String, String> environment) {
        return new RepositoryLocationParser(environment).parse(url);
    }

    /** Parses a Volsync repository Secret's data: {@code KOPIA_REPOSITORY} plus the keys listed at {@link #parse}. */
    static RepositoryLocation fromVolsyncSecret(Map<String, String> secretData) {
        return parse(secretData.getOrDefault(RepositoryLocationParser.KOPIA_REPOSITORY, ""), secretData);
    }
}
