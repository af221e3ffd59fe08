package dev.rewind.volsync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code spec.kopia} of a ReplicationDestination (volsync.md §1.3).
 *
 * @param repository              Secret name; may be empty when auto-discovered through {@code sourceIdentity}
 * @param copyMethod              {@code Snapshot} publishes {@code latestImage}; {@code Direct} restores in place
 * @param capacity                size of the temporary PVC
 * @param storageClassName        StorageClass of the temporary PVC
 * @param accessModes             access modes of the temporary PVC
 * @param volumeSnapshotClassName class of the {@code latestImage} snapshot
 * @param destinationPvc          restore into this existing PVC
 * @param cacheCapacity           cache size
 * @param cacheStorageClassName   cache StorageClass
 * @param cacheAccessModes        cache access modes
 * @param cleanupTempPvc          delete the temporary PVC after each sync
 * @param cleanupCachePvc         delete the cache PVC after each sync
 * @param enableFileDeletion      wipe the destination before a snapshot is selected (§2.5)
 * @param restoreAsOf             upper bound on snapshot {@code startTime}, kept as the exact string: the mover
 *                                compares it lexically with kopia's UTC timestamps (§2.3), so its form matters
 * @param previous                offset into the newest-first list (§2.4)
 * @param shallow                 window size limiting {@code previous} (§2.4)
 * @param sourceIdentity          which RS's snapshots to restore
 * @param username                explicit identity; both or neither with {@code hostname}
 * @param hostname                explicit identity
 * @param moverSecurityContext    UID/GID/fsGroup of the mover pod
 */
public record KopiaDestinationSpec(Optional<String> repository, CopyMethod copyMethod, Optional<String> capacity,
                                   Optional<String> storageClassName, List<String> accessModes,
                                   Optional<String> volumeSnapshotClassName, Optional<String> destinationPvc,
                                   Optional<String> cacheCapacity, Optional<String> cacheStorageClassName,
                                   List<String> cacheAccessModes, boolean cleanupTempPvc, boolean cleanupCachePvc,
                                   boolean enableFileDeletion, Optional<String> restoreAsOf, OptionalInt previous,
                                   OptionalInt shallow, Optional<SourceIdentity> sourceIdentity,
                                   Optional<String> username, Optional<String> hostname,
                                   Optional<MoverSecurityContext> moverSecurityContext) {
    public KopiaDestinationSpec {
        repository = Objects.requireNonNull(repository, "repository").filter(s -> !s.isEmpty());
        Objects.requireNonNull(copyMethod, "copyMethod");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(storageClassName, "storageClassName");
        accessModes = List.copyOf(accessModes);
        Objects.requireNonNull(volumeSnapshotClassName, "volumeSnapshotClassName");
        destinationPvc = Objects.requireNonNull(destinationPvc, "destinationPvc").filter(s -> !s.isEmpty());
        Objects.requireNonNull(cacheCapacity, "cacheCapacity");
        Objects.requireNonNull(cacheStorageClassName, "cacheStorageClassName");
        cacheAccessModes = List.copyOf(cacheAccessModes);
        Objects.requireNonNull(restoreAsOf, "restoreAsOf");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(shallow, "shallow");
        sourceIdentity = Objects.requireNonNull(sourceIdentity, "sourceIdentity")
                .filter(si -> !si.sourceName().isEmpty());
        username = Objects.requireNonNull(username, "username").filter(s -> !s.isEmpty());
        hostname = Objects.requireNonNull(hostname, "hostname").filter(s -> !s.isEmpty());
        Objects.requireNonNull(moverSecurityContext, "moverSecurityContext");
    }
}
