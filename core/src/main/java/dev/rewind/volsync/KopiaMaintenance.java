package dev.rewind.volsync;

import dev.rewind.cluster.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Volsync {@code KopiaMaintenance} (volsync.md §1.5): scheduled {@code kopia maintenance} for one repository
 * Secret in the object's own namespace.
 *
 * @param name                      object name
 * @param namespace                 object namespace (the repository Secret lives here)
 * @param repository                {@code spec.repository.repository}, the Secret name
 * @param trigger                   {@code spec.trigger}; when it has no schedule the deprecated {@code spec.schedule}
 *                                  (CRD default {@code 0 2 * * *}) applies, see {@link #effectiveSchedule()}
 * @param legacySchedule            {@code spec.schedule}
 * @param enabled                   {@code spec.enabled} (default true)
 * @param suspended                 {@code spec.suspend}
 * @param lastMaintenanceAt         {@code status.lastMaintenanceTime}
 * @param nextScheduledMaintenanceAt {@code status.nextScheduledMaintenance}
 * @param maintenanceFailures       {@code status.maintenanceFailures}; the CronJob is suspended at 5
 * @param lastManualSync            {@code status.lastManualSync}
 * @param conditions                {@code Ready}, {@code Progressing}, {@code MaintenanceHealthy}
 */
public record KopiaMaintenance(String name, String namespace, String repository, Trigger trigger,
                               Optional<String> legacySchedule, boolean enabled, boolean suspended,
                               Optional<Instant> lastMaintenanceAt, Optional<Instant> nextScheduledMaintenanceAt,
                               OptionalInt maintenanceFailures, Optional<String> lastManualSync,
                               List<Condition> conditions) {
    public KopiaMaintenance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(legacySchedule, "legacySchedule");
        Objects.requireNonNull(lastMaintenanceAt, "lastMaintenanceAt");
        Objects.requireNonNull(nextScheduledMaintenanceAt, "nextScheduledMaintenanceAt");
        Objects.requireNonNull(maintenanceFailures, "maintenanceFailures");
        Objects.requireNonNull(lastManualSync, "lastManualSync");
        conditions = List.copyOf(conditions);
    }

    /** {@code trigger.schedule}, else the deprecated {@code schedule} field. */
    public Optional<String> effectiveSchedule() {
        return trigger.schedule().or(() -> legacySchedule);
    }

    /** {@code MaintenanceHealthy} is {@code False} (e.g. ExcessiveFailures), which signals repository trouble. */
    public boolean unhealthy() {
        return Condition.find(conditions, "MaintenanceHealthy").map(c -> c.status().equals("False")).orElse(false);
    }
}
