package dev.rewind.kopia.format;

import java.time.Duration;

/**
 * The epoch manager settings of the repository config (kopia-format.md §1; kopia: internal/epoch/epoch_manager.go).
 * JSON keys are PascalCase and durations int64 nanoseconds. All zero / disabled for format version 1.
 */
public record EpochParameters(boolean enabled, Duration epochRefreshFrequency, int fullCheckpointFrequency,
                              Duration cleanupSafetyMargin, Duration minEpochDuration,
                              int epochAdvanceOnCountThreshold, long epochAdvanceOnTotalSizeBytesThreshold,
                              int deleteParallelism) {

    /** Epochs disabled (format version 1, or no {@code epochParameters} in the config). */
    public static EpochParameters disabled() {
        return new EpochParameters(false, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 0, 0, 0);
    }

    /** The values Kopia writes for new format-2/3 repositories. */
    public static EpochParameters kopiaDefaults() {
        return new EpochParameters(true, Duration.ofMinutes(20), 7, Duration.ofHours(4), Duration.ofHours(24), 20,
                10L * 1024 * 1024, 4);
    }

    static EpochParameters parse(FormatJson json) {
        return new EpochParameters(json.bool("Enabled"), Duration.ofNanos(json.integer("EpochRefreshFrequency")),
                json.int32("FullCheckpointFrequency"), Duration.ofNanos(json.integer("CleanupSafetyMargin")),
                Duration.ofNanos(json.integer("MinEpochDuration")), json.int32("EpochAdvanceOnCountThreshold"),
                json.integer("EpochAdvanceOnTotalSizeBytesThreshold"), json.int32("DeleteParallelism"));
    }
}
