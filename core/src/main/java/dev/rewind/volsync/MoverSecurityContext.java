package dev.rewind.volsync;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parts of {@code kopia.moverSecurityContext} (a PodSecurityContext) a helper pod must reproduce to read the
 * repository and the volume as the mover does (volsync.md §1.1, §2.6).
 */
public record MoverSecurityContext(OptionalLong runAsUser, OptionalLong runAsGroup, OptionalLong fsGroup,
                                   Optional<Boolean> runAsNonRoot) {
    public MoverSecurityContext {
        Objects.requireNonNull(runAsUser, "runAsUser");
        Objects.requireNonNull(runAsGroup, "runAsGroup");
        Objects.requireNonNull(fsGroup, "fsGroup");
        Objects.requireNonNull(runAsNonRoot, "runAsNonRoot");
    }
}
