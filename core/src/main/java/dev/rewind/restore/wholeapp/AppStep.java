package dev.rewind.restore.wholeapp;

import java.util.Objects;

/** One action of a whole-app restore plan, in the stage that performs it. */
public record AppStep(AppRestorePhase phase, String action) {
    public AppStep {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(action, "action");
    }
}
