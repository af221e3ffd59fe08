package dev.rewind.volsync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code spec.kopia} of a ReplicationSource (volsync.md §1.1). Quantities are kept as Kubernetes quantity strings.
 *
 * @param repository              name of the Secret with {@code KOPIA_REPOSITORY}/{@code KOPIA_PASSWORD} (§3)
 * @param copyMethod              how the point-in-time copy is made
 * @param capacity                size of the PiT copy
 * @param storageClassName        StorageClass of the PiT copy
 * @param accessModes             access modes of the PiT copy
 * @param volumeSnapshotClassName VolumeSnapshotClass for {@code Snapshot}
 * @param cacheCapacity           cache size
 * @param cacheStorageClassName   cache StorageClass (switches to a PVC cache)
 * @param cacheAccessModes        cache access modes (switches to a PVC cache)
 * @param compression             e.g. {@code zstd-fastest}; not validated by the CRD
 * @param parallelism             {@code --parallel=N}
 * @param retain                  retention policy
 * @param username                identity override (§2.1)
 * @param hostname                identity override (§2.1)
 * @param sourcePathOverride      path recorded instead of {@code /data}
 * @param moverSecurityContext    UID/GID/fsGroup of the mover pod
 * @param moverServiceAccount     an existing ServiceAccount instead of {@code volsync-src-<rs>}
 * @param moverVolumes            extra mounts; the first PVC overrides the repository URL
 */
public record KopiaSourceSpec(String repository, CopyMethod copyMethod, Optional<String> capacity,
                              Optional<String> storageClassName, List<String> accessModes,
                              Optional<String> volumeSnapshotClassName, Optional<String> cacheCapacity,
                              Optional<String> cacheStorageClassName, List<String> cacheAccessModes,
                              Optional<String> compression, OptionalInt parallelism, Retain retain,
                              Optional<String> username, Optional<String> hostname,
                              Optional<String> sourcePathOverride, Optional<MoverSecurityContext> moverSecurityContext,
                              Optional<String> moverServiceAccount, List<MoverVolume> moverVolumes) {
    public KopiaSourceSpec {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(copyMethod, "copyMethod");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(storageClassName, "storageClassName");
        accessModes = List.copyOf(accessModes);
        Objects.requireNonNull(volumeSnapshotClassName, "volumeSnapshotClassName");
        Objects.requireNonNull(cacheCapacity, "cacheCapacity");
        Objects.requireNonNull(cacheStorageClassName, "cacheStorageClassName");
        cacheAccessModes = List.copyOf(cacheAccessModes);
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(retain, "retain");
        username = Objects.requireNonNull(username, "username").filter(s -> !s.isEmpty());
        hostname = Objects.requireNonNull(hostname, "hostname").filter(s -> !s.isEmpty());
        sourcePathOverride = Objects.requireNonNull(sourcePathOverride, "sourcePathOverride").filter(s -> !s.isEmpty());
        Objects.requireNonNull(moverSecurityContext, "moverSecurityContext");
        Objects.requireNonNull(moverServiceAccount, "moverServiceAccount");
        moverVolumes = List.copyOf(moverVolumes);
    }

    /** The first {@code moverVolumes} PVC entry, which replaces the Secret's repository URL (§1.1). */
    public Optional<MoverVolume> repositoryVolume() {
        return moverVolumes.stream().filter(v -> v.type() == MoverVolume.Type.PERSISTENT_VOLUME_CLAIM).findFirst();
    }
}
