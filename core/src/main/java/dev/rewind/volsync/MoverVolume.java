package dev.rewind.volsync;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code kopia.moverVolumes[]} entry (volsync.md §1.1): an extra mount at {@code /mnt/<mountPath>}. If any entry
 * is a PVC, the first PVC becomes the repository ({@code KOPIA_REPOSITORY=filesystem:///mnt/<mountPath>}).
 *
 * @param mountPath the sub-path under {@code /mnt}
 * @param type      which volume source it uses
 * @param claimName the claim, for {@link Type#PERSISTENT_VOLUME_CLAIM}
 */
public record MoverVolume(String mountPath, Type type, Optional<String> claimName) {
    public enum Type { SECRET, NFS, PERSISTENT_VOLUME_CLAIM, OTHER }

    public MoverVolume {
        Objects.requireNonNull(mountPath, "mountPath");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(claimName, "claimName");
    }
}
