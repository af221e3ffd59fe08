package dev.rewind.storage;

import dev.rewind.error.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link BlobStore} decorator that retries failures whose {@link StorageException#retryable()} is true (5xx,
 * throttling, timeouts, unreachable endpoints) within a bounded {@link RetryPolicy}: a maximum number of attempts
 * and an overall deadline, with exponential backoff and jitter between attempts. Everything else (not found,
 * access denied, corrupt ranges) is rethrown at once, unchanged.
 *
 * <p>When the budget is spent the last failure is rethrown as a {@link StorageException} with the same reason,
 * whose message ends with how many attempts were made and for how long.
 *
 * <p>A listing is retried as a whole: when iterating fails, the listing is reopened and blobs already returned
 * are skipped, so the caller sees each blob once. That costs one id per returned blob in memory for the life of
 * the stream. One budget covers the whole listing.
 *
 * <p>Time comes from the injected {@link Clock} and waits go through the injected {@link Sleeper}, so tests run
 * without sleeping. Thread-safe when the delegate is.
 */
public final class RetryingBlobStore implements BlobStore {
    private final BlobStore delegate;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public RetryingBlobStore(BlobStore delegate, RetryPolicy policy, Clock clock, Sleeper sleeper,
            RandomGenerator random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    public RetryPolicy policy() {
        return policy;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        return new Budget().run(() -> delegate.find(id));
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        return new Budget().run(() -> delegate.read(id, range));
    }

    @Override
    public int read(BlobId id, ByteRange range, byte[] into) {
        return new Budget().run(() -> delegate.read(id, range, into));
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        var listing = new RetriedListing(prefix);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(listing, Spliterator.NONNULL | Spliterator.DISTINCT), false)
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

    /** The budget of one operation: started when it is created, shared by every attempt. */
    private final class Budget {
        private final Instant startedAt = clock.instant();
        /** Failed attempts so far. */
        private int attempts;

        <T> T run(Supplier<T> attempt) {
            while (true) {
                try {
                    return attempt.get();
                } catch (StorageException failure) {
                    if (!failure.retryable()) {
                        throw failure;
                    }
                    // every attempt so far has failed (a listing is reopened after each failure)
                    attempts++;
                    waitOrGiveUp(failure);
                }
            }
        }

        private void waitOrGiveUp(StorageException failure) {
            Duration elapsed = Duration.between(startedAt, clock.instant());
            if (attempts >= policy.maxAttempts()) {
                throw exhausted(failure, elapsed);
            }
            Duration backoff = jittered(policy.backoffAfter(attempts));
            if (elapsed.plus(backoff).compareTo(policy.deadline()) > 0) {
                throw exhausted(failure, elapsed);
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(Reason.INTERRUPTED, "interrupted while waiting to retry after: "
                        + failure.getMessage(), false, null, failure);
            }
        }

        private StorageException exhausted(StorageException last, Duration elapsed) {
            String message = last.getMessage() + " (gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + " in " + seconds(elapsed) + "; retry budget " + policy.maxAttempts() + " attempts within "
                    + seconds(policy.deadline()) + ")";
            return new StorageException(last.reason(), message, last.retryable(), last.hint().orElse(null), last);
        }
    }

    private Duration jittered(Duration backoff) {
        long nanos = backoff.toNanos();
        if (nanos <= 1) {
            return backoff;
        }
        long half = nanos / 2;
        return Duration.ofNanos(nanos - half + random.nextLong(half + 1));
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Iterates a listing, reopening it after a retryable failure and skipping blobs already returned. */
    private final class RetriedListing implements Iterator<BlobMetadata>, AutoCloseable {
        private final String prefix;
        private final Budget budget = new Budget();
        private final Set<String> returned = new HashSet<>();
        private Stream<BlobMetadata> current;
        private Iterator<BlobMetadata> iterator;
        private BlobMetadata next;
        private boolean closed;

        RetriedListing(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (closed) {
                return false;
            }
            return budget.run(this::advance);
        }

        private boolean advance() {
            try {
                if (current == null) {
                    current = delegate.list(prefix);
                    iterator = current.iterator();
                }
                while (iterator.hasNext()) {
                    BlobMetadata candidate = iterator.next();
                    if (returned.add(candidate.id().value())) {
                        next = candidate;
                        return true;
                    }
                }
                closeCurrent();
                closed = true;
                return false;
            } catch (StorageException e) {
                closeCurrent();
                throw e;
            }
        }

        @Override
        public BlobMetadata next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BlobMetadata result = next;
            next = null;
            return result;
        }

        private void closeCurrent() {
            Stream<BlobMetadata> s = current;
            current = null;
            iterator = null;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void close() {
            closed = true;
            closeCurrent();
        }
    }
}
