package dev.rewind.storage;

import dev.rewind.storage.fs.FilesystemBlobStore;
import dev.rewind.storage.s3.S3BlobStore;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Opens the {@link BlobStore} for a {@link RepositoryLocation}, decorated for production use: a
 * {@link RetryingBlobStore} over a {@link MeteredBlobStore} over the backend, so that the meter counts every real
 * request (retries included) and callers only see failures that outlived the retry budget.
 */
public final class BlobStoreFactory {
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public BlobStoreFactory(RetryPolicy retryPolicy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@link RetryPolicy#DEFAULT}, real sleeping, the default random generator. */
    public static BlobStoreFactory standard(Clock clock) {
        return new BlobStoreFactory(RetryPolicy.DEFAULT, clock, Sleeper.system(), RandomGenerator.getDefault());
    }

    /** The decorated store, metered into its own meter. */
    public BlobStore open(RepositoryLocation location) {
        return open(location, new StorageMeter());
    }

    /** The decorated store, metered into {@code meter} (which several stores may share). */
    public BlobStore open(RepositoryLocation location, StorageMeter meter) {
        return new RetryingBlobStore(new MeteredBlobStore(openBackend(location), meter), retryPolicy, clock, sleeper,
                random);
    }

    /**
     * The bare backend, without retries or metering.
     *
     * @throws StorageException NOT_FOUND when a filesystem root does not exist, CORRUPT for a malformed
     *                          {@code .shards}
     */
    public static BlobStore openBackend(RepositoryLocation location) {
        return switch (location) {
            case RepositoryLocation.S3 s3 -> new S3BlobStore(s3.settings());
            case RepositoryLocation.Filesystem fs -> switch (fs.layout()) {
                case KOPIA_SHARDED -> FilesystemBlobStore.kopia(fs.root());
                case PLAIN -> FilesystemBlobStore.plain(fs.root());
            };
        };
    }
}
