package dev.rewind.barman;

import java.time.Instant;

/**
 * The span of target times a point-in-time recovery can reach (cnpg-barman.md §4.7): from the end of the oldest
 * restorable backup whose WAL chain reaches {@code lastSegment} without a gap, to the upload time of that segment.
 */
public record RecoveryWindow(Instant earliestAt, Instant latestAt, BackupId earliestBackup, WalName lastSegment) {

    public boolean contains(Instant t) {
        return !t.isBefore(earliestAt) && !t.isAfter(latestAt);
    }
}
