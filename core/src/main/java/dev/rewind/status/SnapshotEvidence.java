package dev.rewind.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an app's "newest backup" comes from: the Kopia repository itself (the truth, DESIGN.md §1), or only the
 * ReplicationSource's status (which a paused source advances without backing anything up, volsync.md §2.6).
 */
public sealed interface SnapshotEvidence {

    /** When the newest backup started (repository) or completed (status), if there is one. */
    Optional<Instant> newestAt();

    /** Read from the repository. */
    record Repository(Optional<SnapshotSummary> newest, int snapshotCount) implements SnapshotEvidence {
        public Repository {
            Objects.requireNonNull(newest, "newest");
            if (snapshotCount < 0) {
                throw new IllegalArgumentException("snapshotCount must not be negative");
            }
        }

        @Override
        public Optional<Instant> newestAt() {
            return newest.map(SnapshotSummary::startAt);
        }
    }

    /**
     * Only {@code status.lastSyncTime} of the RS is known.
     *
     * @param lastSyncAt the RS's {@code lastSyncTime}
     * @param reason     why the repository was not read (one line, no secrets)
     */
    record StatusOnly(Optional<Instant> lastSyncAt, String reason) implements SnapshotEvidence {
        public StatusOnly {
            Objects.requireNonNull(lastSyncAt, "lastSyncAt");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Instant> newestAt() {
            return lastSyncAt;
        }
    }
}
