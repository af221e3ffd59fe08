package dev.rewind.restore;

import dev.rewind.app.ObjectManifest;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.volsync.KopiaIdentity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Everything a restore will do, decided before anything changes: built by {@link RestorePlanner} after PREFLIGHT and
 * LIST_SNAPSHOTS, executed by {@link RestoreExecutor}. A dry run stops here.
 *
 * @param app                 application (ReplicationSource) name
 * @param namespace           its namespace
 * @param mode                in-place or replace
 * @param identity            the Kopia source the snapshot belongs to (RS overrides honoured)
 * @param snapshot            the pinned snapshot
 * @param claimName           the claim restored into ({@code spec.sourcePVC})
 * @param workloads           the workloads to scale to 0 and back, with their current replica counts
 * @param toSuspend           Flux objects rewind will suspend (not already suspended)
 * @param alreadySuspended    Flux objects already suspended: left alone, also at RESUME
 * @param sourceAlreadyPaused whether the ReplicationSource was paused before (then it stays paused)
 * @param safetySnapshot      the VolumeSnapshot taken at SAFETY_POINT, unless skipped
 * @param destination         the temporary ReplicationDestination of the RESTORE phase
 * @param manualTag           its {@code trigger.manual} tag
 * @param restoreDeadline     how long the RESTORE phase may take (size-based unless overridden)
 * @param steps               the actions in order, for the user
 * @param safeguards          KEDA ScaledObjects to pause, the POST_VERIFY data check, log streaming
 */
public record RestorePlan(String app, String namespace, RestoreMode mode, KopiaIdentity identity,
                          ChosenSnapshot snapshot, String claimName, List<Workload> workloads,
                          List<FluxOwnerRef> toSuspend, List<FluxOwnerRef> alreadySuspended,
                          boolean sourceAlreadyPaused, Optional<ObjectManifest> safetySnapshot,
                          ObjectManifest destination, String manualTag, Duration restoreDeadline,
                          List<PlannedStep> steps, RestoreSafeguards safeguards) {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public RestorePlan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(claimName, "claimName");
        workloads = List.copyOf(workloads);
        toSuspend = List.copyOf(toSuspend);
        alreadySuspended = List.copyOf(alreadySuspended);
        Objects.requireNonNull(safetySnapshot, "safetySnapshot");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(manualTag, "manualTag");
        Objects.requireNonNull(restoreDeadline, "restoreDeadline");
        steps = List.copyOf(steps);
        Objects.requireNonNull(safeguards, "safeguards");
    }

    /** A plan without {@link RestoreSafeguards}. */
    public RestorePlan(String app, String namespace, RestoreMode mode, KopiaIdentity identity,
                       ChosenSnapshot snapshot, String claimName, List<Workload> workloads,
                       List<FluxOwnerRef> toSuspend, List<FluxOwnerRef> alreadySuspended,
                       boolean sourceAlreadyPaused, Optional<ObjectManifest> safetySnapshot,
                       ObjectManifest destination, String manualTag, Duration restoreDeadline,
                       List<PlannedStep> steps) {
        this(app, namespace, mode, identity, snapshot, claimName, workloads, toSuspend, alreadySuspended,
                sourceAlreadyPaused, safetySnapshot, destination, manualTag, restoreDeadline, steps,
                RestoreSafeguards.none());
    }

    /** The objects the restore creates, in order. */
    public List<ObjectManifest> manifests() {
        return safetySnapshot.map(s -> List.of(s, destination)).orElse(List.of(destination));
    }

    /** The plan as a view document ({@code kind: RestorePlan}, {@code version: 1}). */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", "RestorePlan");
        view.put("version", 1);
        view.put("app", app);
        view.put("namespace", namespace);
        view.put("mode", mode.name());
        view.put("identity", identity.toString());
        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("id", snapshot.id());
        chosen.put("startTime", snapshot.startTimeText());
        chosen.put("sizeBytes", snapshot.sizeBytes());
        chosen.put("files", snapshot.fileCount());
        snapshot.gapToTarget().ifPresent(gap -> chosen.put("gapToTargetSeconds", gap.toSeconds()));
        view.put("snapshot", chosen);
        view.put("claim", claimName);
        view.put("restoreDeadlineSeconds", restoreDeadline.toSeconds());
        if (!safeguards.scaledObjects().isEmpty()) {
            view.put("pausedScaledObjects", List.copyOf(safeguards.scaledObjects().keySet()));
        }
        safeguards.volumeCheck().ifPresent(c -> view.put("verify", Map.of("path", "/" + c.path(),
                "expectedFiles", c.expectedFiles())));
        view.put("steps", steps.stream().map(s -> Map.of("phase", s.phase().name(), "action", s.action())).toList());
        view.put("manifests", manifests().stream().map(ObjectManifest::document).toList());
        return view;
    }

    /** {@link #view()} as YAML. */
    public String toYaml() {
        return YAML.writeValueAsString(view());
    }

    /** The manifests alone, as a multi-document YAML stream ({@code kubectl apply -f} could take it). */
    public String manifestsYaml() {
        StringBuilder out = new StringBuilder();
        for (ObjectManifest manifest : manifests()) {
            String doc = YAML.writeValueAsString(manifest.document());
            out.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return out.toString();
    }
}
