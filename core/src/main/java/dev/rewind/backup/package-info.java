/**
 * {@code rewind backup}: trigger a Volsync backup now and wait for the real outcome — the ReplicationSource's
 * completion of rewind's own manual tag, the mover result, and the new snapshot in the Kopia repository
 * ({@link dev.rewind.backup.VolsyncBackup}). The cluster is reached through the {@link dev.rewind.app.ClusterWriter}
 * and {@link dev.rewind.app.MoverLogs} ports, the repository through {@link dev.rewind.backup.RepositoryOpener}.
 */
package dev.rewind.backup;
