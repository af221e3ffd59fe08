package dev.rewind.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads until an answer appears or the time is up, pausing through the injected {@link Sleeper} and measuring with
 * the injected {@link Clock} (tests pass a sleeper that advances the clock and steps simulated controllers).
 */
public final class Poller {
    private final Clock clock;
    private final Sleeper sleeper;

    public Poller(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Calls {@code attempt} until it returns a value; at least once, then every {@code interval} until
     * {@code timeout} has passed. Empty when the time ran out.
     *
     * @throws RewindException INTERRUPTED when the thread is interrupted while pausing
     */
    public <T> Optional<T> poll(WaitPolicy policy, Supplier<Optional<T>> attempt) {
        Instant deadline = clock.instant().plus(policy.timeout());
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer;
            }
            if (!clock.instant().isBefore(deadline)) {
                return Optional.empty();
            }
            try {
                sleeper.sleep(policy.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException(Reason.INTERRUPTED, "interrupted while waiting", e);
            }
        }
    }
}
