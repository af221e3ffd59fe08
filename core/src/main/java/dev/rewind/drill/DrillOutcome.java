package dev.rewind.drill;

import dev.rewind.error.Reason;
import java.util.Objects;

/** How a drill ended. */
public sealed interface DrillOutcome {

    /** The snapshot was restored, the counts matched, the check command (if any) exited 0, cleanup was complete. */
    record Passed() implements DrillOutcome { }

    /**
     * The drill proved a problem (or could not finish).
     *
     * @param phase   where it failed (CLEANUP when only the cleanup failed)
     * @param reason  PARTIAL (restored the wrong thing or nothing, counts differ, cleanup incomplete), TIMEOUT,
     *                UNAVAILABLE (mover or checker failed, API server), INVALID_INPUT (check command failed),
     *                INTERRUPTED, …
     * @param message one line naming the object or count involved
     */
    record Failed(DrillPhase phase, Reason reason, String message) implements DrillOutcome {
        public Failed {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    default boolean passed() {
        return this instanceof Passed;
    }
}
