package dev.rewind.restore;

import dev.rewind.kopia.snapshot.SnapshotManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The snapshot a restore is pinned to, as read from the repository.
 *
 * @param id            manifest id
 * @param source        {@code user@host:path}
 * @param startAt       {@code startTime}
 * @param startTimeText the start time exactly as kopia writes it: the value sent as {@code restoreAsOf}
 *                      (volsync.md §2.3 "deterministic pick")
 * @param sizeBytes     total size of the tree (root summary, else the run's stats)
 * @param fileCount     files in the tree
 * @param gapToTarget   for an as-of selection: how long before the requested instant the snapshot started
 */
public record ChosenSnapshot(String id, String source, Instant startAt, String startTimeText, long sizeBytes,
                             long fileCount, Optional<Duration> gapToTarget) {
    public ChosenSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(startTimeText, "startTimeText");
        Objects.requireNonNull(gapToTarget, "gapToTarget");
    }

    static ChosenSnapshot of(SnapshotManifest manifest, Optional<Instant> target) {
        long size = manifest.rootSummary().map(s -> s.totalSizeBytes()).orElse(manifest.stats().totalSizeBytes());
        long files = manifest.rootSummary().map(s -> s.fileCount()).orElse(manifest.stats().fileCount());
        return new ChosenSnapshot(manifest.id().toString(), manifest.source().toString(), manifest.startAt(),
                manifest.startTimeText(), size, files, target.map(t -> Duration.between(manifest.startAt(), t)));
    }
}
