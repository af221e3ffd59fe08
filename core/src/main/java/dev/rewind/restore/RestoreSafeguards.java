package dev.rewind.restore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore holds still or checks besides Flux and the ReplicationSource.
 *
 * @param scaledObjects KEDA ScaledObjects (in the app's namespace) paused at QUIESCE with
 *                      {@code autoscaling.keda.sh/paused-replicas: "0"}, mapped to their annotation value before
 *                      (empty: none; RESUME then removes it, otherwise puts the old value back)
 * @param volumeCheck   the POST_VERIFY file count ({@code --verify}), if requested
 * @param follow        whether RESTORE streams the mover's log lines as progress notes
 */
public record RestoreSafeguards(Map<String, Optional<String>> scaledObjects, Optional<VolumeCheck> volumeCheck,
                                boolean follow) {
    public RestoreSafeguards {
        scaledObjects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scaledObjects));
        Objects.requireNonNull(volumeCheck, "volumeCheck");
    }

    public static RestoreSafeguards none() {
        return new RestoreSafeguards(Map.of(), Optional.empty(), false);
    }
}
