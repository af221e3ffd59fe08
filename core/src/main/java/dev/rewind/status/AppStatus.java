package dev.rewind.status;

import dev.rewind.volsync.MoverResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The backup state of one app (ReplicationSource).
 *
 * @param name               the RS name
 * @param namespace          its namespace
 * @param schedule           {@code spec.trigger.schedule}
 * @param expectedInterval   the longest gap between two fires of the schedule
 * @param evidence           the newest backup and where that knowledge comes from
 * @param age                time since the newest backup, at the report time
 * @param lastMoverResult    {@code latestMoverStatus.result}
 * @param manualTrigger      {@code spec.trigger.manual}, which disables the schedule while set
 * @param restoreSelectors   RDs of the app that still carry {@code restoreAsOf}/{@code previous}
 * @param suspendedFlux      suspended owners, as {@code Kustomization ns/name} / {@code HelmRelease ns/name}
 * @param flags              what needs attention
 * @param problems           one-line explanations (unreadable repository, invalid schedule, unresolved app)
 */
public record AppStatus(String name, String namespace, Optional<String> schedule, Optional<Duration> expectedInterval,
                        SnapshotEvidence evidence, Optional<Duration> age, Optional<MoverResult> lastMoverResult,
                        Optional<String> manualTrigger, List<RestoreSelector> restoreSelectors,
                        List<String> suspendedFlux, Set<AppFlag> flags, List<String> problems) {
    public AppStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(lastMoverResult, "lastMoverResult");
        Objects.requireNonNull(manualTrigger, "manualTrigger");
        restoreSelectors = List.copyOf(restoreSelectors);
        suspendedFlux = List.copyOf(suspendedFlux);
        flags = Set.copyOf(flags);
        problems = List.copyOf(problems);
    }

    /** Whether nothing needs attention. */
    public boolean healthy() {
        return flags.isEmpty();
    }
}
