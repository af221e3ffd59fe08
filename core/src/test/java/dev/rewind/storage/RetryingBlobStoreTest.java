package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The retry budget of {@link RetryingBlobStore}: attempts, deadline, backoff, what is and is not retried. */
class RetryingBlobStoreTest {
    private static final BlobId BLOB = BlobId.of("kopia.repository");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final InMemoryBlobStore memory = new InMemoryBlobStore(clock);
    private final FaultInjectingBlobStore faults = new FaultInjectingBlobStore(memory);

    RetryingBlobStoreTest() {
        memory.put(BLOB, new byte[] {1, 2, 3});
    }

    private RetryingBlobStore retrying(RetryPolicy policy) {
        return new RetryingBlobStore(faults, policy, clock, sleeper, new SplittableRandom(42));
    }

    @Test
    void backsOffExponentiallyWithJitterUntilSuccess() {
        faults.failNext(3, StorageOperation.READ, id -> true, () -> FaultInjectingBlobStore.slowDown("read"));
        var store = retrying(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)));

        assertThat(store.read(BLOB)).containsExactly(1, 2, 3);

        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(4);
        assertThat(sleeper.sleeps()).hasSize(3);
        long[] bases = {100, 200, 400};
        for (int i = 0; i < 3; i++) {
            assertThat(sleeper.sleeps().get(i)).isBetween(Duration.ofMillis(bases[i] / 2), Duration.ofMillis(bases[i]));
        }
    }

    @Test
    void readingIntoABufferIsRetriedLikeAnyRead() {
        faults.failNext(2, StorageOperation.READ, id -> true, () -> FaultInjectingBlobStore.slowDown("read"));
        var store = retrying(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        byte[] buffer = new byte[8];

        assertThat(store.read(BLOB, ByteRange.of(1, 2), buffer)).isEqualTo(2);

        assertThat(java.util.Arrays.copyOf(buffer, 2)).containsExactly(2, 3);
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void backoffIsCappedAtMaxBackoff() {
        var policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofHours(1));

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoffAfter(30)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void givesUpAfterMaxAttemptsSayingHowManyWereMade() {
        faults.failAlways(StorageOperation.READ, id -> true, () -> FaultInjectingBlobStore.slowDown("read of " + BLOB));
        var store = retrying(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)));

        var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("read of kopia.repository").contains("gave up after 4 attempts");
        assertThat(e.getCause()).isInstanceOf(StorageException.class);
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(4);
        assertThat(sleeper.sleeps()).hasSize(3);
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartPastTheDeadline() {
        // every attempt takes 3 s before failing; backoff is 0.5-1 s; deadline 10 s -> exactly 3 attempts
        faults.failAlways(StorageOperation.READ, id -> true, () -> {
            clock.advance(Duration.ofSeconds(3));
            return FaultInjectingBlobStore.slowDown("read");
        });
        var store = retrying(new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10)));
        Instant start = clock.instant();

        var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB));

        assertThat(e.getMessage()).contains("gave up after 3 attempts");
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(3);
        assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void doesNotRetryWhatIsNotRetryable() {
        StorageException denied = FaultInjectingBlobStore.accessDenied("s3://bucket/prefix/");
        faults.failAlways(StorageOperation.FIND, id -> true, () -> denied);
        var store = retrying(RetryPolicy.DEFAULT);

        var e = catchThrowableOfType(StorageException.class, () -> store.find(BLOB));

        assertThat(e).isSameAs(denied);
        assertThat(faults.calls(StorageOperation.FIND)).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void notFoundIsNotRetried() {
        var store = retrying(RetryPolicy.DEFAULT);

        var e = catchThrowableOfType(BlobNotFoundException.class, () -> store.read(BlobId.of("missing")));

        assertThat(e.blobId()).isEqualTo(BlobId.of("missing"));
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void corruptRangeIsNotRetried() {
        var store = retrying(RetryPolicy.DEFAULT);

        var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB, ByteRange.of(2, 5)));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(1);
    }

    @Test
    void noneMeansOneAttempt() {
        faults.failAlways(StorageOperation.READ, id -> true, () -> FaultInjectingBlobStore.slowDown("read"));

        var e = catchThrowableOfType(StorageException.class, () -> retrying(RetryPolicy.NONE).read(BLOB));

        assertThat(e.getMessage()).contains("gave up after 1 attempt ");
        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(1);
    }

    @Test
    void listingReopensAfterAMidStreamFailureWithoutDuplicates() {
        for (int i = 0; i < 10; i++) {
            memory.put(String.format("p%02d", i), new byte[] {(byte) i});
        }
        faults.failListingsAfter(4, 2, "p"::equals, () -> FaultInjectingBlobStore.slowDown("list"));
        var store = retrying(RetryPolicy.DEFAULT);

        try (Stream<BlobMetadata> listing = store.list("p")) {
            assertThat(listing.map(m -> m.id().value()).toList()).hasSize(10).doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith("p"));
        }
        assertThat(faults.calls(StorageOperation.LIST)).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void listingFailureBeyondTheBudgetSaysHowManyAttempts() {
        memory.put("p1", new byte[] {1});
        faults.failAlways(StorageOperation.LIST, p -> true, () -> FaultInjectingBlobStore.slowDown("list"));
        var store = retrying(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMinutes(1)));

        var e = catchThrowableOfType(StorageException.class, () -> {
            try (Stream<BlobMetadata> listing = store.list("p")) {
                listing.count();
            }
        });

        assertThat(e.getMessage()).contains("gave up after 3 attempts");
    }

    @Test
    void interruptionWhileWaitingStopsRetrying() {
        faults.failAlways(StorageOperation.READ, id -> true, () -> FaultInjectingBlobStore.slowDown("read"));
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        var store = new RetryingBlobStore(faults, RetryPolicy.DEFAULT, clock, interrupted, new SplittableRandom(1));

        try {
            var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB));
            assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsAnUnusablePolicy() {
        var e = catchThrowableOfType(RewindException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
        assertThat(e.getMessage()).contains("maxAttempts");
    }
}
