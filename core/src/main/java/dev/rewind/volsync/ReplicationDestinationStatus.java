package dev.rewind.volsync;

import dev.rewind.cluster.Condition;
import dev.rewind.cluster.TypedObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code status} of a ReplicationDestination (volsync.md §1.4). A "Successful" restore may have restored nothing
 * (§2.5); read the mover log, not only this.
 *
 * @param lastSyncAt        when the last restore completed
 * @param lastSyncStartAt   non-empty while a restore runs
 * @param lastSyncDuration  duration of the last restore
 * @param nextSyncAt        next scheduled start
 * @param lastManualSync    the manual tag copied when a restore completes
 * @param latestMoverStatus outcome of the most recent mover Job
 * @param latestImage       the VolumeSnapshot (Snapshot copy method) or PVC (Direct) the last restore produced
 * @param conditions        {@code Synchronizing}
 * @param requestedIdentity {@code status.kopia.requestedIdentity}: the {@code user@host} the mover looked for
 * @param snapshotsFound    {@code status.kopia.snapshotsFound} for that identity
 * @param availableIdentities {@code status.kopia.availableIdentities}, filled by discovery when nothing was found
 */
public record ReplicationDestinationStatus(Optional<Instant> lastSyncAt, Optional<Instant> lastSyncStartAt,
                                           Optional<Duration> lastSyncDuration, Optional<Instant> nextSyncAt,
                                           Optional<String> lastManualSync, Optional<MoverStatus> latestMoverStatus,
                                           Optional<TypedObjectRef> latestImage, List<Condition> conditions,
                                           Optional<String> requestedIdentity, OptionalInt snapshotsFound,
                                           List<DiscoveredIdentity> availableIdentities) {
    public ReplicationDestinationStatus {
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastSyncStartAt, "lastSyncStartAt");
        Objects.requireNonNull(lastSyncDuration, "lastSyncDuration");
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        lastManualSync = Objects.requireNonNull(lastManualSync, "lastManualSync").filter(s -> !s.isEmpty());
        Objects.requireNonNull(latestMoverStatus, "latestMoverStatus");
        Objects.requireNonNull(latestImage, "latestImage");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(requestedIdentity, "requestedIdentity");
        Objects.requireNonNull(snapshotsFound, "snapshotsFound");
        availableIdentities = List.copyOf(availableIdentities);
    }

    public static ReplicationDestinationStatus empty() {
        return new ReplicationDestinationStatus(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                OptionalInt.empty(), List.of());
    }
}
