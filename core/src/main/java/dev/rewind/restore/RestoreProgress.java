package dev.rewind.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What a restore reports while it runs — its only output channel besides the result (DESIGN.md §2 "progress"). */
public sealed interface RestoreProgress {

    /** A phase begins. */
    record PhaseStarted(String app, RestorePhase phase, Instant at) implements RestoreProgress {
        public PhaseStarted {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A phase ended (successfully, or handing over to ROLLBACK). */
    record PhaseFinished(String app, RestorePhase phase, Duration took) implements RestoreProgress {
        public PhaseFinished {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(took, "took");
        }
    }

    /** Something the operator should see, e.g. "suspended Kustomization flux-system/paperless-ngx". */
    record Note(String app, RestorePhase phase, String message) implements RestoreProgress {
        public Note {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The final summary with per-phase durations (their sum from QUIESCE to RESUME is the RTO). */
    record Finished(String app, RestoreOutcome outcome, Map<RestorePhase, Duration> durations)
            implements RestoreProgress {
        public Finished {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(outcome, "outcome");
            durations = Map.copyOf(durations);
        }
    }
}
