package dev.rewind.storage;

import dev.rewind.error.Reason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} decorator for tests that injects failures: N failures of a given {@link StorageException}
 * for matching operations and blob ids (then success), permanent failures, listings that fail after some
 * elements, and truncated blobs. Matching is on the blob id for FIND/READ and on the prefix for LIST.
 * Thread-safe.
 */
public final class FaultInjectingBlobStore implements BlobStore {
    private record Fault(StorageOperation operation, Predicate<String> target, AtomicInteger remaining,
            int afterElements, Supplier<StorageException> failure) {
        boolean claim(StorageOperation op, String key) {
            if (op != operation || !target.test(key)) {
                return false;
            }
            while (true) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                    return true; // negative: permanent
                }
            }
        }
    }

    private final BlobStore delegate;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Map<BlobId, Long> truncations = new ConcurrentHashMap<>();
    private final Map<StorageOperation, AtomicInteger> calls = new EnumMap<>(StorageOperation.class);

    public FaultInjectingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        for (StorageOperation op : StorageOperation.values()) {
            calls.put(op, new AtomicInteger());
        }
    }

    /** The next {@code times} matching calls of {@code operation} fail with {@code failure}. */
    public FaultInjectingBlobStore failNext(int times, StorageOperation operation, Predicate<String> target,
            Supplier<StorageException> failure) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        faults.add(new Fault(operation, target, new AtomicInteger(times), 0, failure));
        return this;
    }

    /** Every matching call of {@code operation} fails with {@code failure}. */
    public FaultInjectingBlobStore failAlways(StorageOperation operation, Predicate<String> target,
            Supplier<StorageException> failure) {
        faults.add(new Fault(operation, target, new AtomicInteger(-1), 0, failure));
        return this;
    }

    /** The next {@code times} matching listings fail after returning {@code elements} blobs. */
    public FaultInjectingBlobStore failListingsAfter(int elements, int times, Predicate<String> prefix,
            Supplier<StorageException> failure) {
        faults.add(new Fault(StorageOperation.LIST, prefix, new AtomicInteger(times), elements, failure));
        return this;
    }

    /** From now on the blob looks {@code lengthBytes} long, as if its tail had been lost. */
    public FaultInjectingBlobStore truncate(BlobId id, long lengthBytes) {
        truncations.put(id, lengthBytes);
        return this;
    }

    /** How many calls of {@code operation} reached this store (failed or not). */
    public int calls(StorageOperation operation) {
        return calls.get(operation).get();
    }

    /** What S3 answers when throttling: UNAVAILABLE, retryable. */
    public static StorageException slowDown(String what) {
        return new StorageException(Reason.UNAVAILABLE, what + " failed, server busy or down (HTTP 503 SlowDown)",
                true);
    }

    /** What S3 answers for a wrong key: UNAVAILABLE, not retryable. */
    public static StorageException accessDenied(String what) {
        return new StorageException(Reason.UNAVAILABLE, "access denied to " + what + " (HTTP 403 AccessDenied)",
                false, "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", null);
    }

    private Optional<Fault> claim(StorageOperation op, String key) {
        calls.get(op).incrementAndGet();
        for (Fault f : faults) {
            if (f.claim(op, key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        Optional<Fault> fault = claim(StorageOperation.FIND, id.value());
        if (fault.isPresent()) {
            throw fault.get().failure().get();
        }
        Long truncated = truncations.get(id);
        return delegate.find(id).map(m -> truncated == null ? m
                : new BlobMetadata(m.id(), Math.min(truncated, m.lengthBytes()), m.modifiedAt()));
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        Optional<Fault> fault = claim(StorageOperation.READ, id.value());
        if (fault.isPresent()) {
            throw fault.get().failure().get();
        }
        Long truncated = truncations.get(id);
        if (truncated == null) {
            return delegate.read(id, range);
        }
        byte[] whole = delegate.read(id);
        long length = Math.min(truncated, whole.length);
        long end = range.toEnd() ? length : range.offset() + range.length();
        if (range.offset() > length || end > length) {
            throw new StorageException(Reason.CORRUPT, "blob " + id + " in " + describe() + " has " + length
                    + " bytes, range " + range + " requested", false);
        }
        return java.util.Arrays.copyOfRange(whole, (int) range.offset(), (int) end);
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        Optional<Fault> fault = claim(StorageOperation.LIST, prefix);
        if (fault.isPresent() && fault.get().afterElements() == 0) {
            throw fault.get().failure().get();
        }
        Stream<BlobMetadata> listing = delegate.list(prefix).map(m -> {
            Long truncated = truncations.get(m.id());
            return truncated == null ? m
                    : new BlobMetadata(m.id(), Math.min(truncated, m.lengthBytes()), m.modifiedAt());
        });
        if (fault.isEmpty()) {
            return listing;
        }
        int failAfter = fault.get().afterElements();
        Supplier<StorageException> failure = fault.get().failure();
        var it = listing.iterator();
        var failing = new java.util.Iterator<BlobMetadata>() {
            int returned;

            @Override
            public boolean hasNext() {
                if (returned == failAfter) {
                    throw failure.get();
                }
                return it.hasNext();
            }

            @Override
            public BlobMetadata next() {
                hasNext();
                returned++;
                return it.next();
            }
        };
        return java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(failing, java.util.Spliterator.NONNULL), false)
                .onClose(listing::close);
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
