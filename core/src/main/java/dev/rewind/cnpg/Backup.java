package dev.rewind.cnpg;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudNativePG {@code Backup} (cnpg-barman.md §1.4).
 *
 * @param name        object name
 * @param namespace   object namespace
 * @param clusterName {@code spec.cluster.name}
 * @param method      {@code spec.method} (default barmanObjectStore)
 * @param pluginName  {@code spec.pluginConfiguration.name}
 * @param phase       {@code status.phase}: pending, started, running, finalizing, completed, failed, …
 * @param backupId    {@code status.backupId}, the barman ID {@code YYYYMMDDTHHMMSS}
 * @param startedAt   {@code status.startedAt}
 * @param stoppedAt   {@code status.stoppedAt}
 * @param error       {@code status.error}
 */
public record Backup(String name, String namespace, String clusterName, BackupMethod method,
                     Optional<String> pluginName, Optional<String> phase, Optional<String> backupId,
                     Optional<Instant> startedAt, Optional<Instant> stoppedAt, Optional<String> error) {
    public Backup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(error, "error");
    }

    public boolean completed() {
        return phase.filter("completed"::equals).isPresent();
    }

    public boolean failed() {
        return phase.filter("failed"::equals).isPresent();
    }
}
