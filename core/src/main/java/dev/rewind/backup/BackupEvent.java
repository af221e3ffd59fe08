package dev.rewind.backup;

import dev.rewind.volsync.Trigger;
import java.time.Instant;
import java.util.Objects;

/** What a {@link VolsyncBackup} reports while it runs, in order. Listeners render these; they never decide. */
public sealed interface BackupEvent {
    /** {@code namespace/name} of the ReplicationSource. */
    String app();

    /** The manual tag was set; the trigger in force before was {@code previous}. */
    record Triggered(String app, String tag, Trigger previous, Instant triggeredAt) implements BackupEvent {
        public Triggered {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(triggeredAt, "triggeredAt");
        }
    }

    /** One new line of the mover pod's {@code kopia} container log. */
    record MoverLog(String app, String pod, String line) implements BackupEvent {
        public MoverLog {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(line, "line");
        }
    }

    /** The mover Job failed once; Volsync re-creates it (volsync.md §4.4). {@code excerpt} is the log tail. */
    record MoverFailed(String app, String excerpt) implements BackupEvent {
        public MoverFailed {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(excerpt, "excerpt");
        }
    }

    /** {@code status.lastManualSync} reached the tag. */
    record SyncCompleted(String app, String tag, Instant completedAt) implements BackupEvent {
        public SyncCompleted {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(completedAt, "completedAt");
        }
    }

    /** {@code spec.trigger} is back to what it was. */
    record TriggerRestored(String app, Trigger trigger) implements BackupEvent {
        public TriggerRestored {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /** The repository holds the new snapshot. */
    record SnapshotConfirmed(String app, String snapshotId, Instant startAt) implements BackupEvent {
        public SnapshotConfirmed {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(snapshotId, "snapshotId");
            Objects.requireNonNull(startAt, "startAt");
        }
    }
}
