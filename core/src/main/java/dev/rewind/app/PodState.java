package dev.rewind.app;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pod as a short-lived check reads it.
 *
 * @param phase    {@code status.phase}: Pending, Running, Succeeded, Failed or Unknown (empty before the kubelet
 *                 reported)
 * @param exitCode the first container's {@code state.terminated.exitCode}, once it terminated
 * @param message  {@code status.message} or the container's {@code state.waiting.reason} / {@code terminated.reason}
 *                 (e.g. {@code ImagePullBackOff}), for failure messages
 */
public record PodState(Optional<String> phase, OptionalInt exitCode, Optional<String> message) {
    public PodState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
    }

    /** Succeeded or Failed: the pod will not run again. */
    public boolean terminated() {
        return phase.filter(p -> p.equals("Succeeded") || p.equals("Failed")).isPresent();
    }
}
