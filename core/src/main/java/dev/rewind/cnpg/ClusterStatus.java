package dev.rewind.cnpg;

import dev.rewind.cluster.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Cluster.status} (cnpg-barman.md §1.3). With the Barman Cloud plugin, {@code firstRecoverabilityPoint} and
 * {@code lastSuccessfulBackup} are not set; the recovery window is in {@link ObjectStore#recoveryWindows()}.
 *
 * @param phase                     e.g. {@code Cluster in healthy state}
 * @param currentPrimary            pod name of the current primary
 * @param firstRecoverabilityPointAt {@code firstRecoverabilityPoint}: deprecated, in-tree only
 * @param lastSuccessfulBackupAt     {@code lastSuccessfulBackup}: deprecated, in-tree only
 * @param conditions                {@code ContinuousArchiving}, {@code LastBackupSucceeded}, {@code Ready}, …
 */
public record ClusterStatus(Optional<String> phase, Optional<String> currentPrimary,
                            Optional<Instant> firstRecoverabilityPointAt, Optional<Instant> lastSuccessfulBackupAt,
                            List<Condition> conditions) {
    public ClusterStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(currentPrimary, "currentPrimary");
        Objects.requireNonNull(firstRecoverabilityPointAt, "firstRecoverabilityPointAt");
        Objects.requireNonNull(lastSuccessfulBackupAt, "lastSuccessfulBackupAt");
        conditions = List.copyOf(conditions);
    }

    public static ClusterStatus empty() {
        return new ClusterStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The {@code ContinuousArchiving} condition, if reported. */
    public Optional<Condition> continuousArchiving() {
        return Condition.find(conditions, "ContinuousArchiving");
    }
}
