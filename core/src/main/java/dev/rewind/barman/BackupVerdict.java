package dev.rewind.barman;

import java.util.Optional;

/**
 * One base backup as verification sees it.
 *
 * @param restorable DONE, data present and every WAL segment from {@code begin_wal} to {@code end_wal} archived
 * @param chain      the WAL walk from its {@code begin_wal} (present for DONE backups)
 */
public record BackupVerdict(BaseBackup backup, boolean restorable, Optional<WalChain> chain) {
}
