package dev.rewind.restore.wholeapp;

import dev.rewind.restore.RestoreOutcome;
import dev.rewind.restore.RestoreResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a whole-app restore run (or of a dry run).
 *
 * @param app        application name
 * @param namespace  its namespace
 * @param plan       the plan (a new run or a dry run; empty for resume/abort)
 * @param outcome    how it ended (the volume restore's outcome vocabulary)
 * @param lastPhase  the stage it ended in
 * @param volume     the volume restore's result, when that stage ran in this run
 * @param newCluster {@code <namespace>/<name>} of the recovered Cluster
 * @param notes      what the operator must know: the side cluster left for inspection, reverts to expect, …
 * @param dryRun     whether nothing was changed on purpose
 */
public record AppRestoreResult(String app, String namespace, Optional<AppRestorePlan> plan, RestoreOutcome outcome,
                               AppRestorePhase lastPhase, Optional<RestoreResult> volume, String newCluster,
                               List<String> notes, boolean dryRun) {
    public AppRestoreResult {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(lastPhase, "lastPhase");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(newCluster, "newCluster");
        notes = List.copyOf(notes);
    }
}
