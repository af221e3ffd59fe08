package dev.rewind.drill;

import dev.rewind.app.App;
import dev.rewind.app.ObjectManifest;
import dev.rewind.restore.ChosenSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of PLAN: what the drill will restore, where, and the exact objects it will create.
 *
 * @param app              the app (its repository Secret is copied into the sandbox)
 * @param generation       the generation drilled
 * @param snapshot         the pinned snapshot
 * @param selectionNote    how the generation was resolved when it needed a fallback (e.g. no snapshot a week old)
 * @param sandboxNamespace where the drill works
 * @param names            the names of the created objects
 * @param manualTag        {@code spec.trigger.manual} of the temporary RD
 * @param claim            the scratch claim
 * @param destination      the temporary ReplicationDestination
 * @param checker          the checker pod
 * @param restoreDeadline  how long RESTORE may take
 * @param checkCommand     the operator's check command, if any
 * @param namespacePolicy  whether the drill may create the sandbox namespace and delete it again
 */
public record DrillPlan(App app, DrillGeneration generation, ChosenSnapshot snapshot, Optional<String> selectionNote,
                        String sandboxNamespace, DrillNames names, String manualTag, ObjectManifest claim,
                        ObjectManifest destination, ObjectManifest checker, Duration restoreDeadline,
                        Optional<String> checkCommand, SandboxNamespacePolicy namespacePolicy) {
    public DrillPlan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(selectionNote, "selectionNote");
        Objects.requireNonNull(sandboxNamespace, "sandboxNamespace");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(manualTag, "manualTag");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(restoreDeadline, "restoreDeadline");
        Objects.requireNonNull(checkCommand, "checkCommand");
        Objects.requireNonNull(namespacePolicy, "namespacePolicy");
    }

    /** What the snapshot's root directory summary says the restored volume must hold. */
    public DrillCounts expected() {
        return new DrillCounts(snapshot.fileCount(), snapshot.sizeBytes());
    }

    /** The objects created in the sandbox namespace besides the Secret copy, in creation order. */
    public List<ObjectManifest> manifests() {
        return List.of(claim, destination, checker);
    }
}
