package dev.rewind.restore;

/**
 * A step a composite workflow (the whole-app restore) runs inside a volume restore, at the start of its RESUME phase
 * when no gate failed: the claim holds the pinned snapshot and the workloads are still scaled to 0.
 *
 * <p>Contract: idempotent (it runs again when an interrupted RESUME is resumed). A {@link dev.rewind.error
 * .RewindException} it throws stops the run as {@link RestoreOutcome.Interrupted} with the journal kept and the app
 * still scaled down, so {@code --resume} retries it and {@code --abort} rolls back.
 */
@FunctionalInterface
public interface BeforeResume {
    void beforeResume(String app, String namespace);

    static BeforeResume none() {
        return (app, namespace) -> { };
    }
}
