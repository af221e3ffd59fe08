package dev.rewind.app;

import java.util.Objects;
import java.util.Optional;

/**
 * The status of a CSI {@code VolumeSnapshot}.
 *
 * @param readyToUse {@code status.readyToUse}
 * @param error      {@code status.error.message}, when the snapshot failed
 */
public record SnapshotReadiness(boolean readyToUse, Optional<String> error) {
    public SnapshotReadiness {
        Objects.requireNonNull(error, "error");
    }
}
