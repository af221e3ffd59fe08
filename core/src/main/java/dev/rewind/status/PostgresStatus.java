package dev.rewind.status;

import dev.rewind.cluster.Condition;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * The backup state of one CloudNativePG cluster (cnpg-barman.md §1.3). With the Barman Cloud plugin the cluster's
 * own {@code lastSuccessfulBackup}/{@code firstRecoverabilityPoint} are not set; they then come from the
 * ObjectStore's {@code serverRecoveryWindow} for the cluster's server name.
 *
 * @param name                       cluster name
 * @param namespace                  its namespace
 * @param objectStore                the Barman Cloud ObjectStore the plugin archives to, if any
 * @param lastSuccessfulBackupAt     last successful base backup
 * @param firstRecoverabilityPointAt earliest point in time a recovery can reach
 * @param continuousArchiving        the {@code ContinuousArchiving} condition (False = WAL archiving failing)
 */
public record PostgresStatus(String name, String namespace, Optional<String> objectStore,
                             Optional<Instant> lastSuccessfulBackupAt, Optional<Instant> firstRecoverabilityPointAt,
                             Optional<Condition> continuousArchiving) {
    public PostgresStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(objectStore, "objectStore");
        Objects.requireNonNull(lastSuccessfulBackupAt, "lastSuccessfulBackupAt");
        Objects.requireNonNull(firstRecoverabilityPointAt, "firstRecoverabilityPointAt");
        Objects.requireNonNull(continuousArchiving, "continuousArchiving");
    }

    /** Whether WAL archiving reports success ({@code ContinuousArchiving=True}). */
    public boolean archiving() {
        return continuousArchiving.map(Condition::isTrue).orElse(false);
    }
}
