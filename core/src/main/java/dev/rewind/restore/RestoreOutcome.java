package dev.rewind.restore;

import dev.rewind.error.Reason;
import java.util.Objects;

/** How a restore ended; separate from the phase it ended in. */
public sealed interface RestoreOutcome {

    /** The pinned snapshot was restored, the application resumed and passed POST_VERIFY. */
    record Succeeded() implements RestoreOutcome { }

    /**
     * The restore could not complete and nothing was rolled back (e.g. refused before touching anything, or the
     * application did not become Ready after RESUME).
     */
    record Failed(Reason reason, String message) implements RestoreOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A gate failed after QUIESCE; rewind rolled back to the safety point (if one existed) and resumed the app. */
    record RolledBack(Reason reason, String message) implements RestoreOutcome {
        public RolledBack {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The run stopped (interrupted, API server lost) with the journal left in the cluster: complete it with
     * {@code resume} or {@code abort}.
     */
    record Interrupted(Reason reason, String message) implements RestoreOutcome {
        public Interrupted {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
