package dev.rewind.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} decorator that counts requests, failures and bytes per {@link StorageOperation} in a
 * {@link StorageMeter}. A LIST counts as one request when the stream is opened and as a failure when opening or
 * iterating it throws. Placed directly over a backend (under {@link RetryingBlobStore}) it counts every attempt,
 * i.e. the real requests sent to S3.
 *
 * <p>Thread-safe when the delegate is.
 */
public final class MeteredBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final StorageMeter meter;

    public MeteredBlobStore(BlobStore delegate, StorageMeter meter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /** A decorator with its own meter. */
    public MeteredBlobStore(BlobStore delegate) {
        this(delegate, new StorageMeter());
    }

    public StorageMeter meter() {
        return meter;
    }

    /** Shorthand for {@code meter().snapshot()}. */
    public StorageMetrics metrics() {
        return meter.snapshot();
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        meter.request(StorageOperation.FIND);
        try {
            return delegate.find(id);
        } catch (RuntimeException e) {
            meter.failure(StorageOperation.FIND);
            throw e;
        }
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        meter.request(StorageOperation.READ);
        try {
            byte[] bytes = delegate.read(id, range);
            meter.bytes(StorageOperation.READ, bytes.length);
            return bytes;
        } catch (RuntimeException e) {
            meter.failure(StorageOperation.READ);
            throw e;
        }
    }

    @Override
    public int read(BlobId id, ByteRange range, byte[] into) {
        meter.request(StorageOperation.READ);
        try {
            int n = delegate.read(id, range, into);
            meter.bytes(StorageOperation.READ, n);
            return n;
        } catch (RuntimeException e) {
            meter.failure(StorageOperation.READ);
            throw e;
        }
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        meter.request(StorageOperation.LIST);
        Stream<BlobMetadata> listing;
        try {
            listing = delegate.list(prefix);
        } catch (RuntimeException e) {
            meter.failure(StorageOperation.LIST);
            throw e;
        }
        return ObservedStream.of(listing, meter::blobListed, e -> meter.failure(StorageOperation.LIST));
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
