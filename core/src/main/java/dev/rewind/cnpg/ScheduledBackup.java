package dev.rewind.cnpg;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudNativePG {@code ScheduledBackup} (cnpg-barman.md §1.5).
 *
 * @param name                  object name
 * @param namespace             object namespace
 * @param clusterName           {@code spec.cluster.name}
 * @param schedule              robfig/cron with seconds, or a descriptor such as {@code @daily}
 * @param immediate             {@code spec.immediate}
 * @param suspended             {@code spec.suspend}
 * @param backupOwnerReference  {@code none} (default), {@code self} or {@code cluster}
 * @param method                {@code spec.method}
 * @param pluginName            {@code spec.pluginConfiguration.name}
 * @param lastScheduleAt        {@code status.lastScheduleTime}
 * @param nextScheduleAt        {@code status.nextScheduleTime}
 */
public record ScheduledBackup(String name, String namespace, String clusterName, String schedule, boolean immediate,
                              boolean suspended, String backupOwnerReference, BackupMethod method,
                              Optional<String> pluginName, Optional<Instant> lastScheduleAt,
                              Optional<Instant> nextScheduleAt) {
    public ScheduledBackup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(backupOwnerReference, "backupOwnerReference");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(lastScheduleAt, "lastScheduleAt");
        Objects.requireNonNull(nextScheduleAt, "nextScheduleAt");
    }
}
