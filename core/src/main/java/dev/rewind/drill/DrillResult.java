package dev.rewind.drill;

import dev.rewind.error.RewindException;
import dev.rewind.restore.ChosenSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The record of one drill.
 *
 * @param app              application name
 * @param namespace        its namespace (empty only for a refusal before the app was found)
 * @param sandboxNamespace where the drill worked
 * @param generation       the generation drilled
 * @param snapshot         the pinned snapshot (empty when PLAN refused)
 * @param selectionNote    how the generation was resolved when it needed a fallback
 * @param startedAt        when the drill started
 * @param finishedAt       when CLEANUP ended
 * @param durations        time spent per phase
 * @param timeToRestore    RESTORE: from creating the temporary ReplicationDestination to the verified end of its
 *                         mover — the recovery time objective this backup actually offers (empty when RESTORE did
 *                         not finish)
 * @param expected         files and bytes of the snapshot's root directory summary
 * @param found            what the checker pod counted on the restored volume
 * @param checkCommandExit the check command's exit status, when one ran
 * @param outcome          passed, or failed with phase, reason and message
 * @param cleanupProblems  objects CLEANUP could not delete (never hidden: they also fail the drill)
 */
public record DrillResult(String app, String namespace, String sandboxNamespace, DrillGeneration generation,
                          Optional<ChosenSnapshot> snapshot, Optional<String> selectionNote, Instant startedAt,
                          Instant finishedAt, Map<DrillPhase, Duration> durations, Optional<Duration> timeToRestore,
                          Optional<DrillCounts> expected, Optional<DrillCounts> found, OptionalInt checkCommandExit,
                          DrillOutcome outcome, List<String> cleanupProblems) {
    public DrillResult {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(sandboxNamespace, "sandboxNamespace");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(selectionNote, "selectionNote");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        durations = durations.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(durations));
        Objects.requireNonNull(timeToRestore, "timeToRestore");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(checkCommandExit, "checkCommandExit");
        Objects.requireNonNull(outcome, "outcome");
        cleanupProblems = List.copyOf(cleanupProblems);
    }

    /**
     * A drill PLAN refused (unknown app, no snapshot, missing permission): nothing was created. For front-ends that
     * record every scheduled drill (the server), not for the CLI, which reports the refusal as an error.
     */
    public static DrillResult refused(DrillRequest request, RewindException refusal, Instant at) {
        return new DrillResult(request.app(), request.namespace().orElse(""), request.sandboxNamespace(),
                request.selection().generation(), Optional.empty(), Optional.empty(), at, at, Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                new DrillOutcome.Failed(DrillPhase.PLAN, refusal.reason(), refusal.getMessage()), List.of());
    }

    /** Whether the drill passed. */
    public boolean passed() {
        return outcome.passed();
    }
}
