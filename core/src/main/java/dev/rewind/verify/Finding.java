package dev.rewind.verify;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.snapshot.SnapshotId;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.storage.BlobId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem {@link Verifier} found, as data (DESIGN.md §6: findings are data, not exceptions). Every finding names
 * its Kopia source and, where it applies, the snapshot, the path inside the snapshot, the blob involved, a
 * {@link Severity} and a one-line {@link #reason()} for humans (never a secret).
 */
public sealed interface Finding permits Finding.NoSnapshots, Finding.StaleBackup, Finding.IncompleteSnapshot,
        Finding.SnapshotWithErrors, Finding.RetentionGap, Finding.EmptySnapshot, Finding.ShrunkSnapshot,
        Finding.MissingContent, Finding.MissingPack, Finding.TruncatedPack, Finding.UnreadableContent {

    SourceInfo source();

    Severity severity();

    /** One line for an operator. */
    String reason();

    /** The snapshot concerned, when the finding is about one snapshot. */
    default Optional<SnapshotId> snapshotId() {
        return Optional.empty();
    }

    /** The path inside the snapshot ({@code ""} is the root), when the finding is about one entry. */
    default Optional<String> path() {
        return Optional.empty();
    }

    /** The blob concerned (a pack), when known. */
    default Optional<BlobId> blob() {
        return Optional.empty();
    }

    /** A short stable name of the finding type for renderers and metrics, e.g. {@code missing-pack}. */
    default String kind() {
        return switch (this) {
            case NoSnapshots f -> "no-snapshots";
            case StaleBackup f -> "stale-backup";
            case IncompleteSnapshot f -> "incomplete-snapshot";
            case SnapshotWithErrors f -> "snapshot-with-errors";
            case RetentionGap f -> "retention-gap";
            case EmptySnapshot f -> "empty-snapshot";
            case ShrunkSnapshot f -> "shrunk-snapshot";
            case MissingContent f -> "missing-content";
            case MissingPack f -> "missing-pack";
            case TruncatedPack f -> "truncated-pack";
            case UnreadableContent f -> "unreadable-content";
        };
    }

    /** The source has no snapshot at all: a wrong identity, or backups never ran. ERROR. */
    record NoSnapshots(SourceInfo source) implements Finding {
        public NoSnapshots {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "source " + source + " has no snapshots";
        }
    }

    /**
     * The newest complete snapshot started longer ago than the policy's maximum age (RPO), or there is no complete
     * snapshot at all ({@code newestComplete} and {@code age} empty). ERROR.
     */
    record StaleBackup(SourceInfo source, Optional<SnapshotId> newestComplete, Optional<Duration> age,
                       Duration maxAge) implements Finding {
        public StaleBackup {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(newestComplete, "newestComplete");
            Objects.requireNonNull(age, "age");
            Objects.requireNonNull(maxAge, "maxAge");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return newestComplete;
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return age.map(a -> "newest complete snapshot " + newestComplete.orElseThrow() + " is " + Durations.text(a)
                            + " old, more than the maximum age " + Durations.text(maxAge))
                    .orElse("no complete snapshot exists; maximum age is " + Durations.text(maxAge));
        }
    }

    /** A checkpoint or cancelled snapshot ({@code incomplete} set in its manifest). WARNING. */
    record IncompleteSnapshot(SourceInfo source, SnapshotId id, String incompleteReason) implements Finding {
        public IncompleteSnapshot {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(incompleteReason, "incompleteReason");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public String reason() {
            return "snapshot " + id + " is incomplete (" + incompleteReason + ")";
        }
    }

    /**
     * A snapshot recorded errors (entries it could not read at backup time): {@code stats.errorCount} or the root
     * summary's {@code numFailed}. ERROR for the newest complete snapshot, WARNING for older ones.
     */
    record SnapshotWithErrors(SourceInfo source, SnapshotId id, long errorCount, Severity severity)
            implements Finding {
        public SnapshotWithErrors {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public String reason() {
            return "snapshot " + id + " recorded " + errorCount + " error(s) while backing up: some files are missing";
        }
    }

    /**
     * Of the {@code examined} most recent periods of a retention granularity ({@code hourly}, {@code daily},
     * {@code weekly}, {@code monthly}, {@code yearly}, UTC), {@code missing} hold no complete snapshot;
     * {@code newestMissing} is the most recent such period ({@code 2026-11-03}, {@code 2026-W44}, …). WARNING.
     */
    record RetentionGap(SourceInfo source, String granularity, int missing, int examined, String newestMissing)
            implements Finding {
        public RetentionGap {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(granularity, "granularity");
            Objects.requireNonNull(newestMissing, "newestMissing");
        }

        @Override
        public Severity severity() {
            return Severity.WARNING;
        }

        @Override
        public String reason() {
            return missing + " of the last " + examined + " " + granularity + " periods have no complete snapshot"
                    + " (newest gap: " + newestMissing + ")";
        }
    }

    /**
     * The newest complete snapshot contains no files. ERROR when an older complete snapshot had files (the
     * "restored nothing, then backed up the empty volume" failure, volsync.md §2.5), WARNING otherwise.
     */
    record EmptySnapshot(SourceInfo source, SnapshotId id, Optional<SnapshotId> predecessor, long predecessorFiles,
                         Severity severity) implements Finding {
        public EmptySnapshot {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(predecessor, "predecessor");
            Objects.requireNonNull(severity, "severity");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public String reason() {
            return predecessor.filter(p -> predecessorFiles > 0)
                    .map(p -> "newest complete snapshot " + id + " has no files; its predecessor " + p + " had "
                            + predecessorFiles)
                    .orElse("newest complete snapshot " + id + " has no files");
        }
    }

    /**
     * The newest complete snapshot has far fewer files or bytes than its complete predecessor (below the policy's
     * shrink threshold), as after a restore that restored nothing (volsync.md §2.5). ERROR.
     */
    record ShrunkSnapshot(SourceInfo source, SnapshotId id, SnapshotId predecessor, long files, long predecessorFiles,
                          long sizeBytes, long predecessorSizeBytes) implements Finding {
        public ShrunkSnapshot {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(predecessor, "predecessor");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "newest complete snapshot " + id + " has " + files + " files / " + sizeBytes + " bytes; predecessor "
                    + predecessor + " had " + predecessorFiles + " files / " + predecessorSizeBytes + " bytes";
        }
    }

    /** An object of the tree refers to a content the index does not know. ERROR. */
    record MissingContent(SourceInfo source, SnapshotId id, String entryPath, ContentId content) implements Finding {
        public MissingContent {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(entryPath, "entryPath");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Optional<String> path() {
            return Optional.of(entryPath);
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "content " + content + " of '" + entryPath + "' is not in the repository index";
        }
    }

    /** The pack blob an index entry points at does not exist. ERROR. */
    record MissingPack(SourceInfo source, SnapshotId id, String entryPath, ContentId content, BlobId pack)
            implements Finding {
        public MissingPack {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(entryPath, "entryPath");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(pack, "pack");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Optional<String> path() {
            return Optional.of(entryPath);
        }

        @Override
        public Optional<BlobId> blob() {
            return Optional.of(pack);
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "pack " + pack + " holding content " + content + " of '" + entryPath + "' is missing";
        }
    }

    /** The pack blob is shorter than {@code offset + length} of a content it should hold. ERROR. */
    record TruncatedPack(SourceInfo source, SnapshotId id, String entryPath, ContentId content, BlobId pack,
                         long requiredBytes, long packLengthBytes) implements Finding {
        public TruncatedPack {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(entryPath, "entryPath");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(pack, "pack");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Optional<String> path() {
            return Optional.of(entryPath);
        }

        @Override
        public Optional<BlobId> blob() {
            return Optional.of(pack);
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "pack " + pack + " is " + packLengthBytes + " bytes but content " + content + " of '" + entryPath
                    + "' needs " + requiredBytes;
        }
    }

    /**
     * A content (or a directory or seek table built from it) could not be decrypted, decompressed or parsed: the
     * AEAD tag failed, the compressed stream is damaged, lengths disagree. {@code content} and {@code pack} are
     * present when the failing content is known. ERROR.
     */
    record UnreadableContent(SourceInfo source, SnapshotId id, String entryPath, Optional<ContentId> content,
                             Optional<BlobId> pack, String detail) implements Finding {
        public UnreadableContent {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(entryPath, "entryPath");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(pack, "pack");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public Optional<SnapshotId> snapshotId() {
            return Optional.of(id);
        }

        @Override
        public Optional<String> path() {
            return Optional.of(entryPath);
        }

        @Override
        public Optional<BlobId> blob() {
            return pack;
        }

        @Override
        public Severity severity() {
            return Severity.ERROR;
        }

        @Override
        public String reason() {
            return "'" + entryPath + "' is unreadable: " + detail;
        }
    }
}
