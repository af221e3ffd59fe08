package dev.rewind.pg;

import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanServer;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one server of a Barman Cloud archive lives: the storage (an S3 bucket with endpoint, region and
 * credentials, or a local mirror directory) rooted at the bucket, the archive prefix inside it (the path of
 * {@code destinationPath}) and the server folder. {@link #toString()} and {@link #describe()} never show secrets.
 *
 * @param storage         the bucket (S3 prefix always empty) or a plain directory
 * @param prefix          the key prefix of the archive: "" for {@code s3://bucket}, {@code a/b/} for
 *                        {@code s3://bucket/a/b}
 * @param serverName      the server folder (the plugin's serverName, by default the Cluster's name)
 * @param objectStoreName the CNPG ObjectStore it came from, when resolved from a cluster
 */
public record ArchiveLocation(RepositoryLocation storage, String prefix, String serverName,
                              Optional<String> objectStoreName) {
    public ArchiveLocation {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(objectStoreName, "objectStoreName");
    }

    /** The archive inside an opened store of {@link #storage()}. */
    public BarmanArchive archive(BlobStore store) {
        return BarmanArchive.open(store, prefix);
    }

    /** The server folder inside an opened store; NOT_FOUND when it holds nothing. */
    public BarmanServer server(BlobStore store) {
        return archive(store).getServer(serverName);
    }

    /** e.g. {@code server postgres in s3://postgres-backups/ at http://garage.storage:3900}. */
    public String describe() {
        return "server " + serverName + " in " + storage.describe() + (prefix.isEmpty() ? "" : " prefix " + prefix);
    }
}
