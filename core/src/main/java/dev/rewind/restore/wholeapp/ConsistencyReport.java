package dev.rewind.restore.wholeapp;

import dev.rewind.barman.RecoveryWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How consistent the restored app will be: the volume comes back as of its snapshot's start, the database as of T.
 * Whatever the app wrote to its volume between the two (e.g. a paperless-ngx document whose row the database has)
 * will be missing.
 *
 * @param volumeSnapshotAt the pinned volume snapshot's start time
 * @param targetAt         T, the database's recovery target
 * @param gap              T − snapshot start (never negative: the snapshot is at or before T)
 * @param window           the database archive's recovery window (cnpg-barman.md §4.7)
 * @param targetInWindow   whether T is inside it (always true in a plan: a T outside is refused)
 * @param baseBackupId     the base backup the recovery is pinned to
 * @param walGaps          WAL gaps of that backup's chain; by construction all after T (a gap before T refuses)
 * @param maxGap           the gap accepted as consistent
 * @param verdict          the conclusion
 */
public record ConsistencyReport(Instant volumeSnapshotAt, Instant targetAt, Duration gap,
                                Optional<RecoveryWindow> window, boolean targetInWindow, String baseBackupId,
                                List<String> walGaps, Duration maxGap, Verdict verdict) {

    /** The conclusion of a consistency report. */
    public enum Verdict {
        /** The volume snapshot is at most {@code maxGap} older than T. */
        CONSISTENT,
        /** The volume is more than {@code maxGap} older than T: files written in between are lost. */
        VOLUME_BEHIND
    }

    public ConsistencyReport {
        Objects.requireNonNull(volumeSnapshotAt, "volumeSnapshotAt");
        Objects.requireNonNull(targetAt, "targetAt");
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseBackupId, "baseBackupId");
        walGaps = List.copyOf(walGaps);
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(verdict, "verdict");
    }

    static ConsistencyReport of(Instant snapshotAt, Instant targetAt, Optional<RecoveryWindow> window,
                                String baseBackupId, List<String> walGaps, Duration maxGap) {
        Duration gap = Duration.between(snapshotAt, targetAt);
        return new ConsistencyReport(snapshotAt, targetAt, gap, window,
                window.map(w -> w.contains(targetAt)).orElse(false), baseBackupId, walGaps, maxGap,
                gap.compareTo(maxGap) <= 0 ? Verdict.CONSISTENT : Verdict.VOLUME_BEHIND);
    }

    /** One line for an operator. */
    public String summary() {
        String base = "volume snapshot " + volumeSnapshotAt + ", database target " + targetAt + ": gap " + gap
                + "; recovery window " + window.map(w -> "[" + w.earliestAt() + ", " + w.latestAt() + "]")
                .orElse("empty") + (targetInWindow ? " contains T" : " does NOT contain T") + "; base backup "
                + baseBackupId + "; WAL gaps " + (walGaps.isEmpty() ? "none" : String.join(", ", walGaps)
                + " (after T)");
        return base + switch (verdict) {
            case CONSISTENT -> "; CONSISTENT (gap at most " + maxGap + ")";
            case VOLUME_BEHIND -> "; VOLUME_BEHIND: files the app wrote to its volume during the " + gap
                    + " before T will be missing while the database references them (a closer T or a newer snapshot"
                    + " narrows it; --max-gap " + maxGap + ")";
        };
    }

    /** The report as a view document. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("volumeSnapshotAt", volumeSnapshotAt.toString());
        v.put("targetAt", targetAt.toString());
        v.put("gapSeconds", gap.toSeconds());
        window.ifPresent(w -> v.put("recoveryWindow", Map.of("earliestAt", w.earliestAt().toString(),
                "latestAt", w.latestAt().toString())));
        v.put("targetInWindow", targetInWindow);
        v.put("baseBackupId", baseBackupId);
        v.put("walGaps", walGaps);
        v.put("maxGapSeconds", maxGap.toSeconds());
        v.put("verdict", verdict.name());
        return v;
    }
}
