package dev.rewind.app;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PersistentVolume, reduced to what a replacing restore needs (volsync.md §4.2 step 4, §8.1 rows 4 and R).
 *
 * @param name          PV name
 * @param reclaimPolicy {@code spec.persistentVolumeReclaimPolicy}: Delete, Retain
 * @param phase         {@code status.phase}: Bound, Released, …
 * @param claimUid      {@code spec.claimRef.uid}
 * @param annotations   e.g. {@code volsync.backube/populated-from}
 */
public record VolumeState(String name, String reclaimPolicy, Optional<String> phase, Optional<String> claimUid,
                          Map<String, String> annotations) {
    public VolumeState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(claimUid, "claimUid");
        annotations = Map.copyOf(annotations);
    }
}
