package dev.rewind.cnpg;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code ObjectStore.status.serverRecoveryWindow} (cnpg-barman.md §1.6). These values ignore WAL
 * presence; rewind verifies the archive itself.
 */
public record RecoveryWindow(Optional<Instant> firstRecoverabilityPointAt, Optional<Instant> lastSuccessfulBackupAt,
                             Optional<Instant> lastFailedBackupAt) {
    public RecoveryWindow {
        Objects.requireNonNull(firstRecoverabilityPointAt, "firstRecoverabilityPointAt");
        Objects.requireNonNull(lastSuccessfulBackupAt, "lastSuccessfulBackupAt");
        Objects.requireNonNull(lastFailedBackupAt, "lastFailedBackupAt");
    }
}
