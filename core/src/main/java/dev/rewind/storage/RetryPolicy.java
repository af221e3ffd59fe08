package dev.rewind.storage;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Objects;

/**
 * The retry budget of {@link RetryingBlobStore}: at most {@code maxAttempts} attempts (the first included) and no
 * new attempt once {@code deadline} has elapsed since the first one started. Backoff before attempt n+1 is
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, of which a random half is jitter.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {
    /** 6 attempts, 200 ms doubling to 10 s, within 2 minutes: rides out a Garage/MinIO restart or S3 SlowDown. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(2));

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(deadline, "deadline");
        if (maxAttempts < 1) {
            throw new RewindException(Reason.INVALID_INPUT, "retry maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
            throw new RewindException(Reason.INVALID_INPUT, "retry durations must not be negative");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new RewindException(Reason.INVALID_INPUT, "retry maxBackoff " + maxBackoff
                    + " is shorter than initialBackoff " + initialBackoff);
        }
    }

    /** The backoff (before jitter) after {@code failedAttempts} failed attempts (1 = after the first). */
    Duration backoffAfter(int failedAttempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
