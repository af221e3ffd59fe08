package dev.rewind.barman;

import dev.rewind.storage.BlobId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One result of verifying a Barman Cloud archive (cnpg-barman.md §4, §7.3). Findings are data, not exceptions: each
 * names the server, the subject (a backup id, a WAL name or range, an object key), a severity and a one-line reason.
 */
public sealed interface BarmanFinding {
    String server();

    Severity severity();

    /** What the finding is about: a backup id, a WAL name or range, an object key, the server. */
    String subject();

    /** One line for an operator. */
    String reason();

    /** No DONE base backup exists, so nothing can be restored. */
    record NoUsableBackup(String server) implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return server;
        }

        public String reason() {
            return "no DONE base backup with a complete WAL range";
        }
    }

    /** The newest usable base backup ended longer ago than the policy allows. */
    record BackupTooOld(String server, BackupId backupId, Instant endAt, Duration age, Duration maxAge)
            implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "newest usable base backup ended " + endAt + ", " + age + " ago (max " + maxAge + ")";
        }
    }

    /** A backup.info whose status is not DONE (FAILED, STARTED, ...); it cannot be restored. */
    record BackupNotDone(String server, BackupId backupId, BackupStatus status, Optional<String> error)
            implements BarmanFinding {
        public Severity severity() {
            return Severity.WARNING;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "backup status is " + status + error.map(e -> ": " + e).orElse("");
        }
    }

    /** A backup directory without backup.info: an upload in progress (recent) or crashed. */
    record BackupInfoMissing(String server, BackupId backupId, Optional<Instant> newestObjectAt, boolean inProgress)
            implements BarmanFinding {
        public Severity severity() {
            return inProgress ? Severity.INFO : Severity.WARNING;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return inProgress ? "backup.info not written yet (upload in progress)"
                    : "backup directory has no backup.info (crashed or abandoned upload"
                    + newestObjectAt.map(t -> ", last object written " + t).orElse("") + ")";
        }
    }

    /** A backup.info that exists but cannot be read or parsed. */
    record BackupInfoUnreadable(String server, BackupId backupId, String problem) implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "backup.info unreadable: " + problem;
        }
    }

    /** A DONE backup without its {@code data.tar[.ext]}. */
    record BackupDataMissing(String server, BackupId backupId) implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "DONE backup has no data.tar object";
        }
    }

    /** A directory under {@code base/} whose name is not a backup id. */
    record InvalidBackupDirectory(String server, String directory) implements BarmanFinding {
        public Severity severity() {
            return Severity.WARNING;
        }

        public String subject() {
            return directory;
        }

        public String reason() {
            return "directory under base/ is not a backup id (YYYYMMDDTHHMMSS)";
        }
    }

    /** Backups of one server disagree on the PostgreSQL system identifier (a serverName collision). */
    record SystemIdMismatch(String server, BackupId backupId, String expected, String actual)
            implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "systemid " + actual + " differs from " + expected + " of the other backups";
        }
    }

    /** Backups of one server disagree on the WAL segment size. */
    record SegmentSizeMismatch(String server, BackupId backupId, WalSegmentSize expected, WalSegmentSize actual)
            implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return backupId.value();
        }

        public String reason() {
            return "xlog_segment_size " + actual + " differs from " + expected + " used for the WAL walk";
        }
    }

    /**
     * Segments a recovery needs are missing. {@code neededBy} is the backup whose walk found the gap.
     * {@code notYetArchived}: the gap is the backup's end WAL within the grace period after its end (INFO).
     */
    record WalMissing(String server, WalRange missing, BackupId neededBy, boolean notYetArchived)
            implements BarmanFinding {
        public Severity severity() {
            return notYetArchived ? Severity.INFO : Severity.ERROR;
        }

        public String subject() {
            return missing.toString();
        }

        public String reason() {
            return notYetArchived ? "end WAL of backup " + neededBy + " not archived yet (within grace period)"
                    : "WAL missing from the archive: " + missing + ", needed to recover from backup " + neededBy;
        }
    }

    /** The newest archived segment is older than the policy's RPO threshold (an idle database also causes this). */
    record WalTooOld(String server, WalName lastSegment, Instant archivedAt, Duration age, Duration maxAge)
            implements BarmanFinding {
        public Severity severity() {
            return Severity.WARNING;
        }

        public String subject() {
            return lastSegment.toString();
        }

        public String reason() {
            return "last archived WAL uploaded " + archivedAt + ", " + age + " ago (max " + maxAge + ")";
        }
    }

    /** Segments of timeline {@code timeline} exist but its {@code .history} does not: recovery cannot follow it. */
    record HistoryMissing(String server, long timeline) implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String subject() {
            return String.format("%08X.history", timeline);
        }

        public String reason() {
            return "timeline " + timeline + " has WAL but no history file";
        }
    }

    /** A history file that cannot be read, or whose parent chain names an unknown timeline. */
    record HistoryBroken(String server, String subject, String problem) implements BarmanFinding {
        public Severity severity() {
            return Severity.ERROR;
        }

        public String reason() {
            return problem;
        }
    }

    /** Segments on a parent timeline after its switch point: an abandoned branch, not needed for recovery. */
    record AbandonedBranch(String server, WalRange segments, long childTimeline) implements BarmanFinding {
        public Severity severity() {
            return Severity.INFO;
        }

        public String subject() {
            return segments.toString();
        }

        public String reason() {
            return "abandoned branch: timeline " + segments.first().timeline() + " continued after timeline "
                    + childTimeline + " branched off";
        }
    }

    /** An object under {@code wals/} that is not WAL-style, is empty, misplaced, or a duplicate. */
    record WalObjectAnomaly(String server, BlobId object, Anomaly anomaly) implements BarmanFinding {
        /** The kind of anomaly. */
        public enum Anomaly {
            UNKNOWN, EMPTY, MISPLACED, DUPLICATE
        }

        public Severity severity() {
            return switch (anomaly) {
                case EMPTY -> Severity.ERROR;
                case UNKNOWN, MISPLACED -> Severity.WARNING;
                case DUPLICATE -> Severity.INFO;
            };
        }

        public String subject() {
            return object.value();
        }

        public String reason() {
            return switch (anomaly) {
                case UNKNOWN -> "object under wals/ is not a WAL-style name for this segment size";
                case EMPTY -> "zero-byte WAL object";
                case MISPLACED -> "WAL object outside its hash directory";
                case DUPLICATE -> "second object for the same WAL name (another compression)";
            };
        }
    }
}
