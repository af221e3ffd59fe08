package dev.rewind.app;

import java.util.Objects;
import java.util.Optional;

/**
 * A PersistentVolumeClaim's identity and state, read right before and after a destructive step.
 *
 * @param uid        {@code metadata.uid}: a re-created claim has a new one
 * @param phase      {@code status.phase}
 * @param volumeName {@code spec.volumeName}
 * @param terminating whether {@code metadata.deletionTimestamp} is set
 * @param manifest   the claim as a creatable document (metadata name/namespace/labels/annotations without the
 *                   server-set fields, and the spec without {@code volumeName})
 */
public record ClaimState(String uid, Optional<String> phase, Optional<String> volumeName, boolean terminating,
                         ObjectManifest manifest) {
    public ClaimState {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(volumeName, "volumeName");
        Objects.requireNonNull(manifest, "manifest");
    }
}
