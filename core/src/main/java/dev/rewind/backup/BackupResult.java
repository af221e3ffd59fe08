package dev.rewind.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * A backup that Volsync reported complete and that the repository confirms.
 *
 * @param name        the app (ReplicationSource) name
 * @param namespace   its namespace
 * @param tag         the manual trigger tag rewind set
 * @param triggeredAt when the tag was set (this machine's clock)
 * @param completedAt when rewind saw {@code lastManualSync} reach the tag
 * @param snapshotId  the new Kopia snapshot's manifest id
 * @param source      the Kopia source {@code user@host:path}
 * @param snapshotStartAt the snapshot's start time (the mover's clock)
 * @param snapshotEndAt   the snapshot's end time
 * @param totalBytes  total file size the snapshot records
 */
public record BackupResult(String name, String namespace, String tag, Instant triggeredAt, Instant completedAt,
                           String snapshotId, String source, Instant snapshotStartAt, Instant snapshotEndAt,
                           long totalBytes) {
    public BackupResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(snapshotStartAt, "snapshotStartAt");
        Objects.requireNonNull(snapshotEndAt, "snapshotEndAt");
    }
}
