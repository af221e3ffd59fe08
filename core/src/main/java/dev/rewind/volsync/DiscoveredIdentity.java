package dev.rewind.volsync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a ReplicationDestination's {@code status.kopia.availableIdentities}: what the mover's snapshot
 * discovery found in the repository when the requested identity had no snapshots (volsync.md §2.2).
 *
 * @param identity         {@code user@host}
 * @param snapshotCount    number of snapshots under it
 * @param latestSnapshotAt time of its newest snapshot, if reported
 */
public record DiscoveredIdentity(String identity, int snapshotCount, Optional<Instant> latestSnapshotAt) {
    public DiscoveredIdentity {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(latestSnapshotAt, "latestSnapshotAt");
    }
}
