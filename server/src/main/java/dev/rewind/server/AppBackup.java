package dev.rewind.server;

import dev.rewind.app.App;
import dev.rewind.backup.BackupResult;

/**
 * Backs up one discovered app now and confirms the new snapshot: {@link dev.rewind.backup.VolsyncBackup#run} in
 * production. Throws what that workflow throws (CONFLICT, UNAVAILABLE, TIMEOUT, PARTIAL, INTERRUPTED).
 */
@FunctionalInterface
public interface AppBackup {
    BackupResult backUp(App app);
}
