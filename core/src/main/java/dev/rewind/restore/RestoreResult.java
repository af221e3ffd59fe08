package dev.rewind.restore;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a restore run (or of a dry run).
 *
 * @param app            application name
 * @param namespace      its namespace
 * @param plan           the plan (always for a new restore or a dry run; empty for resume/abort)
 * @param outcome        how it ended
 * @param lastPhase      the phase it ended in
 * @param durations      time spent per phase in this run
 * @param snapshotId     the pinned snapshot
 * @param safetySnapshot the safety VolumeSnapshot kept for rollback, if one was taken
 * @param dryRun         whether nothing was changed on purpose
 */
public record RestoreResult(String app, String namespace, Optional<RestorePlan> plan, RestoreOutcome outcome,
                            RestorePhase lastPhase, Map<RestorePhase, Duration> durations, String snapshotId,
                            Optional<String> safetySnapshot, boolean dryRun) {
    public RestoreResult {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(lastPhase, "lastPhase");
        durations = new EnumMap<>(durations.isEmpty() ? Map.of(RestorePhase.PREFLIGHT, Duration.ZERO) : durations);
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(safetySnapshot, "safetySnapshot");
    }

    /** Recovery time: from the start of QUIESCE to the end of RESUME, as far as this run saw it. */
    public Duration recoveryTime() {
        return durations.entrySet().stream()
                .filter(e -> e.getKey().compareTo(RestorePhase.QUIESCE) >= 0 && e.getKey() != RestorePhase.POST_VERIFY)
                .map(Map.Entry::getValue).reduce(Duration.ZERO, Duration::plus);
    }
}
