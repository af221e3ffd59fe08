package dev.rewind.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a workflow waits for a CNPG object to reach a terminal state, and how often it looks.
 *
 * @param interval pause between two reads
 * @param timeout  total wait; afterwards the workflow fails with TIMEOUT while the operation continues
 */
public record WaitPolicy(Duration interval, Duration timeout) {
    public WaitPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero() || timeout.isNegative()) {
            throw new RewindException(Reason.INVALID_INPUT, "wait interval must be positive and timeout not negative");
        }
    }

    public static WaitPolicy of(Duration timeout) {
        return new WaitPolicy(Duration.ofSeconds(5), timeout);
    }
}
