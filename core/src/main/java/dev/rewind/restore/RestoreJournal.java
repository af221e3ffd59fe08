package dev.rewind.restore;

import dev.rewind.app.ObjectManifest;
import dev.rewind.cluster.FluxKind;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state of one restore, kept in the cluster as ConfigMap {@code rewind-restore-<app>} (volsync.md §8.0
 * "Journal") so that {@code resume}/{@code abort} work from any machine. It records what cannot be re-derived once the
 * cluster has changed: the original replica counts, which Flux objects rewind suspended (and which were already
 * suspended), whether the ReplicationSource was already paused, the pinned snapshot, the manual tag, the exact
 * manifests, the original claim, the deadlines and the phase to run next.
 *
 * @param app               application name
 * @param namespace         its namespace
 * @param phase             the phase to run (or re-run) next
 * @param mode              restore mode
 * @param startedAt         when the run started (the names' stamp)
 * @param snapshotId        pinned snapshot id
 * @param startTimeText     its exact start time ({@code restoreAsOf})
 * @param identity          expected {@code user@host} of the mover
 * @param manualTag         the RD's {@code trigger.manual}; never regenerated once journalled
 * @param claimName         the claim restored into
 * @param workloads         workloads with their ORIGINAL replica counts
 * @param suspendedByRewind Flux objects rewind suspends and must resume
 * @param alreadySuspended  Flux objects that were suspended before (left alone)
 * @param sourceWasPaused   whether the RS was paused before
 * @param destination       the temporary RD manifest
 * @param safetySnapshot    the safety VolumeSnapshot manifest, unless skipped
 * @param originalClaim     the claim (uid and creatable manifest) captured at SAFETY_POINT
 * @param restoreDeadlineAt when RESTORE gives up (set on entering RESTORE)
 * @param restoreDeadlineSeconds the planned RESTORE budget
 * @param failure           why a rollback was started, with the phase it failed in
 * @param replace           REPLACE mode only: the RD image before/after, the old PV and its reclaim policy, and
 *                          whether the claim has been deleted
 * @param safeguards        KEDA ScaledObjects rewind pauses (with their annotation before), the POST_VERIFY data
 *                          check, log streaming
 */
public record RestoreJournal(String app, String namespace, RestorePhase phase, RestoreMode mode, Instant startedAt,
                             String snapshotId, String startTimeText, String identity, String manualTag,
                             String claimName, List<Workload> workloads, List<FluxOwnerRef> suspendedByRewind,
                             List<FluxOwnerRef> alreadySuspended, boolean sourceWasPaused,
                             ObjectManifest destination, Optional<ObjectManifest> safetySnapshot,
                             Optional<CapturedClaim> originalClaim, Optional<Instant> restoreDeadlineAt,
                             long restoreDeadlineSeconds, Optional<Failure> failure, ReplaceState replace,
                             RestoreSafeguards safeguards) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** The claim as it was before the restore. */
    public record CapturedClaim(String uid, ObjectManifest manifest) {
        public CapturedClaim {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(manifest, "manifest");
        }
    }

    /** What a REPLACE restore must remember (volsync.md §8.1 rows 4, 5b and R). */
    public record ReplaceState(Optional<String> oldImage, Optional<String> newImage, Optional<String> volumeName,
                               Optional<String> reclaimPolicy, boolean claimReplaced) {
        public ReplaceState {
            Objects.requireNonNull(oldImage, "oldImage");
            Objects.requireNonNull(newImage, "newImage");
            Objects.requireNonNull(volumeName, "volumeName");
            Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
        }

        static ReplaceState none() {
            return new ReplaceState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
    }

    /** Why the run rolls back. */
    public record Failure(RestorePhase phase, Reason reason, String message) {
        public Failure {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public RestoreJournal {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(startTimeText, "startTimeText");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(manualTag, "manualTag");
        Objects.requireNonNull(claimName, "claimName");
        workloads = List.copyOf(workloads);
        suspendedByRewind = List.copyOf(suspendedByRewind);
        alreadySuspended = List.copyOf(alreadySuspended);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(safetySnapshot, "safetySnapshot");
        Objects.requireNonNull(originalClaim, "originalClaim");
        Objects.requireNonNull(restoreDeadlineAt, "restoreDeadlineAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(replace, "replace");
        Objects.requireNonNull(safeguards, "safeguards");
    }

    /** The journal of a run about to start QUIESCE. */
    static RestoreJournal start(RestorePlan plan, Instant startedAt) {
        return new RestoreJournal(plan.app(), plan.namespace(), RestorePhase.QUIESCE, plan.mode(), startedAt,
                plan.snapshot().id(), plan.snapshot().startTimeText(), plan.identity().userAtHost(), plan.manualTag(),
                plan.claimName(), plan.workloads(), plan.toSuspend(), plan.alreadySuspended(),
                plan.sourceAlreadyPaused(), plan.destination(), plan.safetySnapshot(), Optional.empty(),
                Optional.empty(), plan.restoreDeadline().toSeconds(), Optional.empty(), ReplaceState.none(), plan.safeguards());
    }

    RestoreJournal withPhase(RestorePhase next) {
        return new RestoreJournal(app, namespace, next, mode, startedAt, snapshotId, startTimeText, identity,
                manualTag, claimName, workloads, suspendedByRewind, alreadySuspended, sourceWasPaused, destination,
                safetySnapshot, originalClaim, restoreDeadlineAt, restoreDeadlineSeconds, failure, replace, safeguards);
    }

    RestoreJournal withOriginalClaim(CapturedClaim claim) {
        return new RestoreJournal(app, namespace, phase, mode, startedAt, snapshotId, startTimeText, identity,
                manualTag, claimName, workloads, suspendedByRewind, alreadySuspended, sourceWasPaused, destination,
                safetySnapshot, Optional.of(claim), restoreDeadlineAt, restoreDeadlineSeconds, failure, replace, safeguards);
    }

    RestoreJournal withRestoreDeadline(Instant at) {
        return new RestoreJournal(app, namespace, phase, mode, startedAt, snapshotId, startTimeText, identity,
                manualTag, claimName, workloads, suspendedByRewind, alreadySuspended, sourceWasPaused, destination,
                safetySnapshot, originalClaim, Optional.of(at), restoreDeadlineSeconds, failure, replace, safeguards);
    }

    RestoreJournal withFailure(Failure value) {
        return new RestoreJournal(app, namespace, phase, mode, startedAt, snapshotId, startTimeText, identity,
                manualTag, claimName, workloads, suspendedByRewind, alreadySuspended, sourceWasPaused, destination,
                safetySnapshot, originalClaim, restoreDeadlineAt, restoreDeadlineSeconds, Optional.of(value), replace, safeguards);
    }

    RestoreJournal withReplace(ReplaceState value) {
        return new RestoreJournal(app, namespace, phase, mode, startedAt, snapshotId, startTimeText, identity,
                manualTag, claimName, workloads, suspendedByRewind, alreadySuspended, sourceWasPaused, destination,
                safetySnapshot, originalClaim, restoreDeadlineAt, restoreDeadlineSeconds, failure, value, safeguards);
    }

    // ---- ConfigMap form: one readable key per field, manifests as JSON

    Map<String, String> toData() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("app", app);
        d.put("namespace", namespace);
        d.put("phase", phase.name());
        d.put("mode", mode.name());
        d.put("startedAt", startedAt.toString());
        d.put("snapshotId", snapshotId);
        d.put("snapshotStartTime", startTimeText);
        d.put("identity", identity);
        d.put("manualTag", manualTag);
        d.put("claim", claimName);
        d.put("originalReplicas", String.join(",", workloads.stream()
                .map(w -> w.kind().kubernetesKind() + "/" + w.name() + "=" + w.replicas()).toList()));
        d.put("suspendedByRewind", refs(suspendedByRewind));
        d.put("alreadySuspended", refs(alreadySuspended));
        d.put("sourceWasPaused", Boolean.toString(sourceWasPaused));
        d.put("destination", JSON.writeValueAsString(destination.document()));
        safetySnapshot.ifPresent(s -> d.put("safetySnapshot", JSON.writeValueAsString(s.document())));
        originalClaim.ifPresent(c -> {
            d.put("originalClaimUid", c.uid());
            d.put("originalClaim", JSON.writeValueAsString(c.manifest().document()));
        });
        restoreDeadlineAt.ifPresent(t -> d.put("restoreDeadlineAt", t.toString()));
        d.put("restoreDeadlineSeconds", Long.toString(restoreDeadlineSeconds));
        failure.ifPresent(f -> {
            d.put("failedIn", f.phase().name());
            d.put("failureReason", f.reason().name());
            d.put("failure", f.message());
        });
        replace.oldImage().ifPresent(v -> d.put("oldImage", v));
        replace.newImage().ifPresent(v -> d.put("newImage", v));
        replace.volumeName().ifPresent(v -> d.put("volumeName", v));
        replace.reclaimPolicy().ifPresent(v -> d.put("originalReclaimPolicy", v));
        d.put("claimReplaced", Boolean.toString(replace.claimReplaced()));
        if (!safeguards.scaledObjects().isEmpty()) {
            Map<String, Object> keda = new LinkedHashMap<>();
            safeguards.scaledObjects().forEach((name, before) -> keda.put(name, before.orElse(null)));
            d.put("pausedScaledObjects", JSON.writeValueAsString(keda));
        }
        safeguards.volumeCheck().ifPresent(c -> {
            d.put("verifyPath", c.path());
            d.put("verifyExpectedFiles", Long.toString(c.expectedFiles()));
            d.put("verifyProbe", JSON.writeValueAsString(c.probe().document()));
        });
        d.put("follow", Boolean.toString(safeguards.follow()));
        return d;
    }

    static RestoreJournal fromData(Map<String, String> d) {
        try {
            String ns = need(d, "namespace");
            return new RestoreJournal(need(d, "app"), ns, RestorePhase.valueOf(need(d, "phase")),
                    RestoreMode.valueOf(need(d, "mode")), Instant.parse(need(d, "startedAt")),
                    need(d, "snapshotId"), need(d, "snapshotStartTime"), need(d, "identity"),
                    need(d, "manualTag"), need(d, "claim"), workloads(d.getOrDefault("originalReplicas", ""), ns),
                    refs(d.getOrDefault("suspendedByRewind", "")), refs(d.getOrDefault("alreadySuspended", "")),
                    Boolean.parseBoolean(need(d, "sourceWasPaused")), manifest(need(d, "destination")),
                    Optional.ofNullable(d.get("safetySnapshot")).map(RestoreJournal::manifest),
                    Optional.ofNullable(d.get("originalClaim"))
                            .map(c -> new CapturedClaim(need(d, "originalClaimUid"), manifest(c))),
                    Optional.ofNullable(d.get("restoreDeadlineAt")).map(Instant::parse),
                    Long.parseLong(d.getOrDefault("restoreDeadlineSeconds", "0")),
                    Optional.ofNullable(d.get("failedIn")).map(p -> new Failure(RestorePhase.valueOf(p),
                            Reason.valueOf(d.getOrDefault("failureReason", "INTERNAL")), d.getOrDefault("failure", ""))),
                    new ReplaceState(Optional.ofNullable(d.get("oldImage")), Optional.ofNullable(d.get("newImage")),
                            Optional.ofNullable(d.get("volumeName")),
                            Optional.ofNullable(d.get("originalReclaimPolicy")),
                            Boolean.parseBoolean(d.getOrDefault("claimReplaced", "false"))),
                    safeguards(d));
        } catch (RuntimeException e) {
            if (e instanceof RewindException r) {
                throw r;
            }
            throw new RewindException(Reason.CORRUPT, "restore journal ConfigMap is malformed: " + e.getMessage(),
                    "inspect it with kubectl get configmap -o yaml; delete it only after checking the app by hand", e);
        }
    }

    private static RestoreSafeguards safeguards(Map<String, String> d) {
        Map<String, Optional<String>> keda = new LinkedHashMap<>();
        Optional.ofNullable(d.get("pausedScaledObjects")).map(json -> JSON.readValue(json, MAP)).ifPresent(m ->
                m.forEach((name, before) -> keda.put(name, Optional.ofNullable(before).map(String::valueOf))));
        Optional<VolumeCheck> check = Optional.ofNullable(d.get("verifyProbe")).map(probe -> new VolumeCheck(
                d.getOrDefault("verifyPath", ""), Long.parseLong(need(d, "verifyExpectedFiles")), manifest(probe)));
        return new RestoreSafeguards(keda, check, Boolean.parseBoolean(d.getOrDefault("follow", "false")));
    }

    private static String need(Map<String, String> d, String key) {
        String v = d.get(key);
        if (v == null) {
            throw new RewindException(Reason.CORRUPT, "restore journal ConfigMap lacks key '" + key + "'");
        }
        return v;
    }

    private static String refs(List<FluxOwnerRef> refs) {
        return String.join(",", refs.stream().map(r -> (r.kind() == FluxKind.KUSTOMIZATION ? "Kustomization"
                : "HelmRelease") + "/" + r.namespace() + "/" + r.name()).toList());
    }

    private static List<FluxOwnerRef> refs(String text) {
        List<FluxOwnerRef> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] p = item.split("/");
            if (p.length != 3) {
                throw new IllegalArgumentException("bad Flux reference '" + item + "'");
            }
            out.add(new FluxOwnerRef(p[0].equals("Kustomization") ? FluxKind.KUSTOMIZATION : FluxKind.HELM_RELEASE,
                    p[2], p[1]));
        }
        return out;
    }

    private static List<Workload> workloads(String text, String namespace) {
        List<Workload> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int slash = item.indexOf('/');
            int eq = item.lastIndexOf('=');
            WorkloadKind kind = item.substring(0, slash).equals("Deployment") ? WorkloadKind.DEPLOYMENT
                    : WorkloadKind.STATEFUL_SET;
            out.add(new Workload(kind, item.substring(slash + 1, eq), namespace,
                    Integer.parseInt(item.substring(eq + 1)), List.of(), Map.of()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static ObjectManifest manifest(String json) {
        Map<String, Object> doc = JSON.readValue(json, MAP);
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        return new ObjectManifest(String.valueOf(doc.get("apiVersion")), String.valueOf(doc.get("kind")),
                String.valueOf(metadata.get("namespace")), String.valueOf(metadata.get("name")), doc);
    }
}
