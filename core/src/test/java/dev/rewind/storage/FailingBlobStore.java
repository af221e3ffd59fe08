package dev.rewind.storage;

import dev.rewind.error.Reason;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Test support: a {@link BlobStore} decorator that fails the {@code n}-th read of a blob whose id starts with a
 * prefix (e.g. the 3rd read of a {@code p} pack) with a retryable {@code UNAVAILABLE} storage error, and every read
 * after it — like a connection that dropped mid-run.
 */
public final class FailingBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final String prefix;
    private final int failAt;
    private final AtomicInteger reads = new AtomicInteger();

    public FailingBlobStore(BlobStore delegate, String prefix, int failAt) {
        this.delegate = delegate;
        this.prefix = prefix;
        this.failAt = failAt;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        return delegate.find(id);
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        if (id.value().startsWith(prefix) && reads.incrementAndGet() >= failAt) {
            throw new StorageException(Reason.UNAVAILABLE, "injected failure reading blob " + id + " (read "
                    + reads.get() + ")", true);
        }
        return delegate.read(id, range);
    }

    @Override
    public Stream<BlobMetadata> list(String listPrefix) {
        return delegate.list(listPrefix);
    }

    @Override
    public String describe() {
        return "failing(" + delegate.describe() + ")";
    }
}
