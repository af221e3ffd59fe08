package dev.rewind.restore;

import java.util.Objects;

/**
 * One action of a plan, for the user to read before anything happens.
 *
 * @param phase  the phase that performs it
 * @param action what it does, e.g. "suspend Kustomization flux-system/paperless-ngx"
 */
public record PlannedStep(RestorePhase phase, String action) {
    public PlannedStep {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(action, "action");
    }
}
