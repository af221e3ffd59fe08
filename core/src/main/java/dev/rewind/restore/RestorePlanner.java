package dev.rewind.restore;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.Autoscaler;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ControllerAvailability;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.app.StorageClassInfo;
import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.Workload;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.CopyMethod;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Runs the read-only phases PREFLIGHT and LIST_SNAPSHOTS and turns a {@link RestoreRequest} into a
 * {@link RestorePlan}. Nothing in the cluster changes (the only requests besides GET/LIST are
 * {@code SelfSubjectAccessReview}s, which create nothing).
 *
 * <p>Refusals (volsync.md §8.1 rows 1–2, §8.3): a missing RBAC permission → UNAVAILABLE naming every missing
 * permission; a sync of the ReplicationSource in progress → CONFLICT; no claim for an in-place restore → NOT_FOUND;
 * no snapshot of the expected identity, or none matching the selector → NOT_FOUND (listing the identities that do
 * exist); an instant in the future, an incomplete snapshot, an empty snapshot without {@code allowEmpty}, a snapshot
 * of another source, or a snapshot Volsync cannot pin by its start time → INVALID_INPUT.
 *
 * <p>Surroundings (volsync.md §8.1 row 1), each refused with one line naming what is wrong: the Volsync controller
 * Deployment missing (NOT_FOUND) or without a ready replica (UNAVAILABLE) — a cluster-wide list that RBAC forbids is
 * only a warning; a VolumeSnapshotClass named by the RS (safety snapshot) or RD (replace mode) that does not exist
 * (NOT_FOUND); the claim's StorageClass missing (NOT_FOUND); in replace mode on a {@code WaitForFirstConsumer}
 * class, no workload that would start a consumer pod (UNSUPPORTED: the populator would wait forever, §4.4); a claim
 * smaller than the snapshot's logical size, or in replace mode an RD without {@code capacity}, smaller than the
 * snapshot or larger than the claim (INVALID_INPUT; rewind never assumes a size); a HorizontalPodAutoscaler with
 * {@code minReplicas: 0} on a workload (CONFLICT, unless {@link RestoreOptions#ignoreAutoscalers()}). KEDA
 * ScaledObjects are planned to be paused; other HPAs are left alone, because the HPA controller does not scale a
 * workload whose replicas are 0.
 *
 * <p>Thread-safe if its ports are.
 */
public final class RestorePlanner {
    /** RESTORE deadline: this much plus {@link #PER_GIB} per GiB of the snapshot. */
    static final Duration BASE_DEADLINE = Duration.ofMinutes(15);
    static final Duration PER_GIB = Duration.ofMinutes(2);
    /** The image of the POST_VERIFY counting pod: a shell with find and wc. */
    static final String PROBE_IMAGE = "busybox:1.37";

    private final AppDiscovery discovery;
    private final ClusterActions cluster;
    private final SnapshotPinner pinner;
    private final SnapshotCatalogs catalogs;
    private final Clock clock;
    private final RandomGenerator random;
    private final RestoreEnvironment environment;

    public RestorePlanner(AppDiscovery discovery, ClusterActions cluster, RestoreEnvironment environment,
                          SnapshotCatalogs catalogs, Clock clock, RandomGenerator random) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
        this.pinner = new SnapshotPinner(catalogs, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The default deadline of a mover restoring {@code sizeBytes}: {@link #BASE_DEADLINE} + {@link #PER_GIB} per GiB. */
    public static Duration restoreDeadline(long sizeBytes) {
        return BASE_DEADLINE.plus(PER_GIB.multipliedBy(Math.ceilDiv(sizeBytes, 1L << 30)));
    }

    /**
     * The whole-app restore's journal ConfigMap and Lease {@code rewind-apprestore-<app>}: while it exists, a volume
     * restore of the app alone is refused.
     */
    public static String wholeAppJournal(String app) {
        return "rewind-apprestore-" + app;
    }

    /** PREFLIGHT: the app, its claim, its Flux owners, its surroundings and the permissions the restore will need. */
    public App preflight(RestoreRequest request) {
        return checked(request, false).app();
    }

    /** What PREFLIGHT found besides the app: what to pause, and notes for the plan. */
    private record Preflight(App app, Map<String, Optional<String>> scaledObjects, List<PlannedStep> notes) { }

    /**
     * PREFLIGHT; {@code insideWholeApp} is the whole-app restore re-planning its own volume restore, which its journal
     * {@code rewind-apprestore-<app>} must then not refuse.
     */
    private Preflight checked(RestoreRequest request, boolean insideWholeApp) {
        App app = discovery.get(request.app(), request.namespace());
        String wholeApp = wholeAppJournal(app.name());
        if (!insideWholeApp && cluster.findConfigMap(app.namespace(), wholeApp).isPresent()) {
            throw new RewindException(Reason.CONFLICT, "an unfinished whole-app restore of " + app.namespace() + "/"
                    + app.name() + " is journalled in ConfigMap " + wholeApp, "complete it first with rewind"
                    + " restore --resume or --abort", null);
        }
        String journal = RestoreNames.journal(app.name());
        Optional<Map<String, String>> running = insideWholeApp ? Optional.empty()
                : cluster.findConfigMap(app.namespace(), journal);
        if (running.isPresent()) {
            // checked before anything is read for the plan: a plan made while another restore runs would capture
            // its scaled-down replicas and suspended Flux objects as "the original state"
            throw new RewindException(Reason.CONFLICT, "a restore of " + app.namespace() + "/" + app.name()
                    + " is in progress or unfinished (journal ConfigMap " + journal + ", phase "
                    + running.get().getOrDefault("phase", "unknown") + ")", "wait for it, or complete it with"
                    + " rewind restore --app " + app.name() + " --resume or --abort", null);
        }
        if (app.sourcePvc().isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, "claim " + app.namespace() + "/" + app.source().sourcePvc()
                    + " of app " + app.name() + " does not exist; rewind needs the live claim (" + request.mode()
                    + " mode) to capture its spec", "re-create it through Flux first", null);
        }
        if (request.mode() == RestoreMode.REPLACE) {
            checkReplace(app);
        }
        if (!app.source().paused() && app.source().status().syncInProgress()) {
            throw new RewindException(Reason.CONFLICT, "ReplicationSource " + app.namespace() + "/" + app.name()
                    + " is backing up right now", "wait until the backup finishes, then restore", null);
        }
        List<PlannedStep> notes = new ArrayList<>();
        checkController(notes);
        checkClasses(app, request, notes);
        Map<String, Optional<String>> scaledObjects = autoscalers(app, request, notes);
        List<AccessRequest> needed = new ArrayList<>(RestorePermissions.of(app, fluxOwners(app), request.mode(),
                !request.noSafetySnapshot()));
        needed.add(new AccessRequest("list", "storage.k8s.io", "volumeattachments", ""));
        if (!scaledObjects.isEmpty()) {
            needed.add(new AccessRequest("patch", "keda.sh", "scaledobjects", app.namespace()));
        }
        if (request.options().verify()) {
            for (String verb : List.of("get", "create", "delete")) {
                needed.add(new AccessRequest(verb, "", "pods", app.namespace()));
            }
        }
        List<AccessRequest> missing = needed.stream().distinct().filter(p -> !cluster.isAllowed(p)).toList();
        if (!missing.isEmpty()) {
            throw new RewindException(Reason.UNAVAILABLE, "missing RBAC permission(s) for restoring "
                    + app.namespace() + "/" + app.name() + ": "
                    + missing.stream().map(AccessRequest::toString).collect(Collectors.joining(", ")),
                    "grant them to the identity rewind runs as (kubectl auth can-i <verb> <resource> -n <ns>)", null);
        }
        return new Preflight(app, scaledObjects, notes);
    }

    /** volsync.md §8.1 row 1: "Volsync controller Ready". */
    private void checkController(List<PlannedStep> notes) {
        switch (environment.volsyncController()) {
            case ControllerAvailability.Ready r -> { }
            case ControllerAvailability.NotReady n -> throw new RewindException(Reason.UNAVAILABLE,
                    "the Volsync controller Deployment " + n.namespace() + "/" + n.name() + " has no ready replica",
                    "kubectl -n " + n.namespace() + " describe deployment " + n.name(), null);
            case ControllerAvailability.Missing m -> throw new RewindException(Reason.NOT_FOUND,
                    "no Volsync controller: no Deployment labelled app.kubernetes.io/name=volsync or named volsync"
                            + " in any namespace", "install Volsync (the perfectra1n fork with the Kopia mover)", null);
            case ControllerAvailability.NotVisible v -> notes.add(new PlannedStep(RestorePhase.PREFLIGHT,
                    "warning: cannot check the Volsync controller (" + v.why() + "); assuming it runs"));
        }
    }

    /** VolumeSnapshotClass (safety snapshot, replace mode) and StorageClass of the claim. */
    private void checkClasses(App app, RestoreRequest request, List<PlannedStep> notes) {
        boolean replace = request.mode() == RestoreMode.REPLACE;
        if (!request.noSafetySnapshot()) {
            app.source().kopia().volumeSnapshotClassName().ifPresent(c -> requireSnapshotClass(c,
                    "volumeSnapshotClassName of ReplicationSource " + app.namespace() + "/" + app.name()
                            + ", used for the safety snapshot"));
        }
        if (replace) {
            app.bootstrapDestination().flatMap(rd -> rd.kopia().volumeSnapshotClassName()).ifPresent(c ->
                    requireSnapshotClass(c, "volumeSnapshotClassName of ReplicationDestination " + app.namespace()
                            + "/" + app.name() + "-dst, used for its latestImage"));
        }
        PersistentVolumeClaim claim = app.sourcePvc().orElseThrow();
        if (claim.storageClassName().isEmpty()) {
            return;
        }
        String name = claim.storageClassName().get();
        StorageClassInfo sc = environment.findStorageClass(name).orElseThrow(() -> new RewindException(
                Reason.NOT_FOUND, "StorageClass " + name + " of claim " + app.namespace() + "/" + claim.name()
                + " does not exist", "a re-created claim would stay Pending; fix the class first", null));
        if (replace && sc.waitsForFirstConsumer()) {
            int replicas = app.workloads().stream().mapToInt(Workload::replicas).sum();
            if (replicas == 0) {
                throw new RewindException(Reason.UNSUPPORTED, "StorageClass " + name + " is WaitForFirstConsumer"
                        + " and no workload of " + app.namespace() + "/" + app.name() + " runs a pod: the"
                        + " re-created claim would stay Pending forever (volsync.md §4.4)",
                        "scale the app up first, or use --mode in-place", null);
            }
            notes.add(new PlannedStep(RestorePhase.PREFLIGHT, "StorageClass " + name + " is WaitForFirstConsumer:"
                    + " the volume populator fills the re-created claim only once a pod using it is scheduled, so"
                    + " rewind resumes the workloads and then waits for the claim (POST_VERIFY), not for Bound"));
        }
    }

    private void requireSnapshotClass(String name, String usedAs) {
        if (!environment.volumeSnapshotClassExists(name)) {
            throw new RewindException(Reason.NOT_FOUND, "VolumeSnapshotClass " + name + " (" + usedAs
                    + ") does not exist", "create it or fix the name in Git", null);
        }
    }

    /** KEDA ScaledObjects to pause (with their annotation before); refuses HPAs that scale up from zero. */
    private Map<String, Optional<String>> autoscalers(App app, RestoreRequest request, List<PlannedStep> notes) {
        Map<String, Optional<String>> scaledObjects = new LinkedHashMap<>();
        for (Workload w : app.workloads()) {
            String target = w.kind().kubernetesKind() + " " + w.namespace() + "/" + w.name();
            for (Autoscaler a : environment.autoscalersOf(w.namespace(), w.kind().kubernetesKind(), w.name())) {
                switch (a) {
                    case Autoscaler.ScaledObject so -> scaledObjects.put(so.name(), so.pausedReplicas());
                    case Autoscaler.HorizontalPodAutoscaler hpa when hpa.ownedByKeda() -> { }
                    case Autoscaler.HorizontalPodAutoscaler hpa when hpa.scalesUpFromZero() -> {
                        if (!request.options().ignoreAutoscalers()) {
                            throw new RewindException(Reason.CONFLICT, hpa + " (minReplicas 0) may scale " + target
                                    + " up while it is restored", "delete or disable it for the restore, then pass"
                                    + " --ignore-autoscalers", null);
                        }
                        notes.add(new PlannedStep(RestorePhase.PREFLIGHT, "warning: " + hpa + " (minReplicas 0)"
                                + " may scale " + target + " up during the restore (--ignore-autoscalers)"));
                    }
                    case Autoscaler.HorizontalPodAutoscaler hpa -> notes.add(new PlannedStep(RestorePhase.QUIESCE,
                            "leave " + hpa + " as is: it does not scale " + target + " while it has 0 replicas"));
                }
            }
        }
        return scaledObjects;
    }

    /** LIST_SNAPSHOTS: the snapshot the selector names, read from the repository itself ({@link SnapshotPinner}). */
    public ChosenSnapshot listSnapshots(App app, RestoreRequest request) {
        return pinner.pin(app, request.selector(), request.allowEmpty());
    }

    /** PREFLIGHT, LIST_SNAPSHOTS, and the plan. Changes nothing. */
    public RestorePlan plan(RestoreRequest request) {
        return plan(request, false);
    }

    /**
     * {@link #plan(RestoreRequest)} for the whole-app restore re-planning its own volume restore (a resumed run whose
     * volume restore never started): its journal {@code rewind-apprestore-<app>} does not refuse it.
     */
    public RestorePlan planForWholeApp(RestoreRequest request) {
        return plan(request, true);
    }

    private RestorePlan plan(RestoreRequest request, boolean insideWholeApp) {
        Preflight checked = checked(request, insideWholeApp);
        App app = checked.app();
        ChosenSnapshot snapshot = listSnapshots(app, request);
        checkCapacity(app, snapshot, request.mode());
        Optional<VolumeCheck> check = request.options().verify()
                ? Optional.of(volumeCheck(app, snapshot, request.options().dataPath().orElse("")))
                : Optional.empty();
        RestorePlan plan = plan(app, snapshot, request);
        List<PlannedStep> steps = new ArrayList<>(checked.notes());
        String ns = app.namespace();
        boolean pausesListed = false;
        for (PlannedStep step : plan.steps()) {
            if (!pausesListed && step.phase() == RestorePhase.QUIESCE && step.action().startsWith("scale ")) {
                checked.scaledObjects().keySet().forEach(x -> steps.add(new PlannedStep(RestorePhase.QUIESCE,
                        "pause ScaledObject " + ns + "/" + x + " (" + RestoreEnvironment.KEDA_PAUSED_REPLICAS
                                + ": \"0\")")));
                pausesListed = true;
            }
            steps.add(step);
            if (step.phase() == RestorePhase.QUIESCE && step.action().startsWith("wait until no pod mounts")) {
                steps.add(new PlannedStep(RestorePhase.QUIESCE, "wait until no VolumeAttachment references "
                        + "PersistentVolume " + app.sourcePvc().flatMap(PersistentVolumeClaim::volumeName)
                        .orElse("?") + " (the volume is detached)"));
            }
            if (step.phase() == RestorePhase.RESTORE && request.options().follow()
                    && step.action().startsWith(plan.mode() == RestoreMode.REPLACE ? "patch " : "create ")) {
                steps.add(new PlannedStep(RestorePhase.RESTORE, "stream the mover's log (container kopia)"));
            }
            if (step.phase() == RestorePhase.RESUME && step.action().startsWith("scale ")) {
                checked.scaledObjects().forEach((x, before) -> steps.add(new PlannedStep(RestorePhase.RESUME,
                        before.map(v -> "put " + RestoreEnvironment.KEDA_PAUSED_REPLICAS + ": \"" + v
                                        + "\" back on ScaledObject " + ns + "/" + x)
                                .orElse("unpause ScaledObject " + ns + "/" + x))));
            }
        }
        check.ifPresent(c -> steps.add(new PlannedStep(RestorePhase.POST_VERIFY, "count the files under /"
                + c.path() + " of claim " + plan.claimName() + " with pod " + c.probe().name() + " (read-only) and"
                + " require " + c.expectedFiles() + ", as in snapshot " + snapshot.id())));
        return new RestorePlan(plan.app(), plan.namespace(), plan.mode(), plan.identity(), plan.snapshot(),
                plan.claimName(), plan.workloads(), plan.toSuspend(), plan.alreadySuspended(),
                plan.sourceAlreadyPaused(), plan.safetySnapshot(), plan.destination(), plan.manualTag(),
                plan.restoreDeadline(), steps, new RestoreSafeguards(checked.scaledObjects(), check,
                request.options().follow()));
    }

    /**
     * volsync.md §8.1 row 1 "RD capacity ≤ PVC size": the claim must hold the snapshot's logical size; in replace
     * mode the RD's {@code capacity} must be set, hold the snapshot and fit in the claim. Nothing is ever assumed.
     */
    private static void checkCapacity(App app, ChosenSnapshot snapshot, RestoreMode mode) {
        PersistentVolumeClaim claim = app.sourcePvc().orElseThrow();
        String where = "claim " + app.namespace() + "/" + claim.name();
        String text = claim.requestedStorage().orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                where + " has no spec.resources.requests.storage"));
        long claimBytes = StorageQuantity.bytes(text, "spec.resources.requests.storage of " + where);
        if (claimBytes < snapshot.sizeBytes()) {
            throw new RewindException(Reason.INVALID_INPUT, where + " requests " + text + " (" + claimBytes
                    + " bytes) but snapshot " + snapshot.id() + " holds " + snapshot.sizeBytes() + " bytes",
                    "grow the claim in Git first", null);
        }
        if (mode != RestoreMode.REPLACE) {
            return;
        }
        ReplicationDestination rd = app.bootstrapDestination().orElseThrow();
        String rdWhere = "ReplicationDestination " + app.namespace() + "/" + rd.name();
        String capacity = rd.kopia().capacity().orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                rdWhere + " has no spec.kopia.capacity; rewind does not guess the size of the restored volume",
                "set capacity in Git to the claim's size (" + text + ")", null));
        long rdBytes = StorageQuantity.bytes(capacity, "spec.kopia.capacity of " + rdWhere);
        if (rdBytes < snapshot.sizeBytes()) {
            throw new RewindException(Reason.INVALID_INPUT, rdWhere + " capacity " + capacity + " (" + rdBytes
                    + " bytes) is smaller than snapshot " + snapshot.id() + " (" + snapshot.sizeBytes() + " bytes)",
                    "raise spec.kopia.capacity in Git", null);
        }
        if (rdBytes > claimBytes) {
            throw new RewindException(Reason.INVALID_INPUT, rdWhere + " capacity " + capacity + " is larger than "
                    + where + " (" + text + "): a claim cannot be populated from a larger snapshot",
                    "make spec.kopia.capacity equal to the claim's size in Git", null);
        }
    }

    /** The POST_VERIFY data check: expected count from the repository, and the counting pod. */
    private VolumeCheck volumeCheck(App app, ChosenSnapshot snapshot, String path) {
        long expected = catalogs.fileCount(app, snapshot.id(), path);
        RestoreNames names = RestoreNames.startingAt(app.name(), clock.instant());
        String dir = path.isEmpty() ? "/data" : "/data/" + path;
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", VolumeCheck.CONTAINER);
        container.put("image", PROBE_IMAGE);
        container.put("command", List.of("sh", "-c", "test -d \"$1\" || exit 3; echo \"" + VolumeCheck.MARKER
                + "$(find \"$1\" -type f | wc -l)\"", "count", dir));
        container.put("volumeMounts", List.of(Map.of("name", "data", "mountPath", "/data", "readOnly", true)));
        container.put("securityContext", Map.of("readOnlyRootFilesystem", true, "allowPrivilegeEscalation", false));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("restartPolicy", "Never");
        app.source().kopia().moverSecurityContext().ifPresent(c -> spec.put("securityContext",
                DirectDestination.securityContext(c)));
        spec.put("containers", List.of(container));
        spec.put("volumes", List.of(Map.of("name", "data", "persistentVolumeClaim",
                Map.of("claimName", app.source().sourcePvc(), "readOnly", true))));
        ObjectManifest pod = ObjectManifest.of("v1", "Pod", app.namespace(), names.verifyPod(), names.labels(),
                spec);
        return new VolumeCheck(path, expected, pod);
    }

    /** The plan for an app that passed {@link #preflight} and a snapshot {@link #listSnapshots} chose. */
    public RestorePlan plan(App app, ChosenSnapshot snapshot, RestoreRequest request) {
        Instant now = clock.instant();
        RestoreNames names = RestoreNames.startingAt(app.name(), now);
        String tag = "rewind-" + names.stamp() + "-" + HexFormat.of().formatHex(randomBytes(4));
        PersistentVolumeClaim claim = app.sourcePvc().orElseThrow();
        List<FluxOwnerRef> toSuspend = new ArrayList<>();
        List<FluxOwnerRef> already = new ArrayList<>();
        app.kustomizations().forEach(k -> (k.suspended() ? already : toSuspend).add(k.ref()));
        app.helmReleases().forEach(h -> (h.suspended() ? already : toSuspend).add(h.ref()));
        Optional<ObjectManifest> safety = request.noSafetySnapshot() ? Optional.empty()
                : Optional.of(safetySnapshot(app, names));
        boolean replace = request.mode() == RestoreMode.REPLACE;
        ObjectManifest destination = replace ? refreshPatch(app, snapshot, tag)
                : destination(app, names, snapshot, tag);
        Duration deadline = request.timeout().orElse(restoreDeadline(snapshot.sizeBytes()));

        List<PlannedStep> steps = new ArrayList<>();
        toSuspend.forEach(r -> steps.add(new PlannedStep(RestorePhase.QUIESCE, "suspend " + r)));
        already.forEach(r -> steps.add(new PlannedStep(RestorePhase.QUIESCE, "leave " + r
                + " suspended (it already was)")));
        if (!app.source().paused()) {
            steps.add(new PlannedStep(RestorePhase.QUIESCE, "pause ReplicationSource " + app.namespace() + "/"
                    + app.name()));
        }
        app.workloads().forEach(w -> steps.add(new PlannedStep(RestorePhase.QUIESCE, "scale " + w + " to 0")));
        steps.add(new PlannedStep(RestorePhase.QUIESCE, "wait until no pod mounts claim " + claim.name()));
        safety.ifPresentOrElse(
                s -> steps.add(new PlannedStep(RestorePhase.SAFETY_POINT, "snapshot claim " + claim.name()
                        + " as VolumeSnapshot " + s.name() + " and wait until readyToUse")),
                () -> steps.add(new PlannedStep(RestorePhase.SAFETY_POINT, "no safety snapshot (requested):"
                        + " a failed restore cannot be rolled back")));
        if (replace) {
            steps.add(new PlannedStep(RestorePhase.SAFETY_POINT, "set reclaim policy Retain on PersistentVolume "
                    + claim.volumeName().orElse("?")));
            steps.add(new PlannedStep(RestorePhase.RESTORE, "patch ReplicationDestination " + destination.name()
                    + " (restoreAsOf " + snapshot.startTimeText() + ", previous 0, trigger " + tag
                    + ") and wait up to " + deadline.toMinutes() + " min for a new latestImage of snapshot "
                    + snapshot.id()));
            steps.add(new PlannedStep(RestorePhase.RESTORE, "delete claim " + claim.name()
                    + " and re-create it with the same spec (dataSourceRef " + destination.name() + ")"));
            steps.add(new PlannedStep(RestorePhase.CLEANUP, "remove restoreAsOf and previous from "
                    + "ReplicationDestination " + destination.name() + " (trigger stays)"));
        } else {
            steps.add(new PlannedStep(RestorePhase.RESTORE, "create ReplicationDestination " + destination.name()
                    + " (Direct into " + claim.name() + ", restoreAsOf " + snapshot.startTimeText()
                    + ", trigger " + tag + ") and wait up to " + deadline.toMinutes() + " min for snapshot "
                    + snapshot.id()));
            steps.add(new PlannedStep(RestorePhase.CLEANUP, "delete ReplicationDestination " + destination.name()));
        }
        app.workloads().forEach(w -> steps.add(new PlannedStep(RestorePhase.RESUME, "scale " + w.kind()
                .kubernetesKind() + " " + w.namespace() + "/" + w.name() + " back to " + w.replicas())));
        if (!app.source().paused()) {
            steps.add(new PlannedStep(RestorePhase.RESUME, "unpause ReplicationSource " + app.namespace() + "/"
                    + app.name()));
        }
        toSuspend.forEach(r -> steps.add(new PlannedStep(RestorePhase.RESUME, "resume and reconcile " + r)));
        steps.add(new PlannedStep(RestorePhase.POST_VERIFY, replace
                ? "wait until the re-created claim is Bound, populated from the new image, and the workloads Ready"
                : "wait until the workloads are Ready"));
        return new RestorePlan(app.name(), app.namespace(), request.mode(), app.identity(), snapshot, claim.name(),
                app.workloads(), toSuspend, already, app.source().paused(), safety, destination, tag, deadline,
                steps);
    }

    /** REPLACE refreshes the bootstrap RD {@code <app>-dst}, whose image the claim's dataSourceRef populates from. */
    private static void checkReplace(App app) {
        String where = app.namespace() + "/" + app.name();
        ReplicationDestination rd = app.bootstrapDestination().orElseThrow(() -> new RewindException(
                Reason.NOT_FOUND, "app " + where + " has no ReplicationDestination " + app.name() + "-dst to"
                + " populate a replaced claim from", "use --mode in-place", null));
        if (rd.kopia().copyMethod() != CopyMethod.SNAPSHOT) {
            throw new RewindException(Reason.UNSUPPORTED, "ReplicationDestination " + app.namespace() + "/"
                    + rd.name() + " uses copyMethod " + rd.kopia().copyMethod() + "; the volume populator needs"
                    + " Snapshot (volsync.md §4.2)", "use --mode in-place", null);
        }
        KopiaIdentity rdIdentity = rd.identity(Optional.of(app.source()));
        if (!rdIdentity.equals(app.identity())) {
            throw new RewindException(Reason.INVALID_INPUT, "ReplicationDestination " + app.namespace() + "/"
                    + rd.name() + " restores " + rdIdentity + " but the app backs up " + app.identity(),
                    "set kopia.username and kopia.hostname on the RD in Git (volsync.md §2.2), or use --mode in-place",
                    null);
        }
        boolean claimsFromRd = app.sourcePvc().flatMap(PersistentVolumeClaim::dataSourceRef)
                .filter(ref -> ref.isReplicationDestination(rd.name())).isPresent();
        if (!claimsFromRd || app.sourcePvc().flatMap(PersistentVolumeClaim::volumeName).isEmpty()) {
            throw new RewindException(Reason.UNSUPPORTED, "claim " + app.namespace() + "/" + app.source().sourcePvc()
                    + " is not bound or its dataSourceRef does not name ReplicationDestination " + rd.name(),
                    "use --mode in-place", null);
        }
    }

    /** The merge patch that makes the bootstrap RD restore the pinned snapshot (volsync.md §8.1 row 5b). */
    static ObjectManifest refreshPatch(App app, ChosenSnapshot snapshot, String tag) {
        Map<String, Object> kopia = new LinkedHashMap<>();
        kopia.put("restoreAsOf", snapshot.startTimeText());
        kopia.put("previous", 0);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("trigger", Map.of("manual", tag));
        spec.put("kopia", kopia);
        return ObjectManifest.of("volsync.backube/v1alpha1", "ReplicationDestination", app.namespace(),
                app.name() + "-dst", Map.of(), spec);
    }

    /** Flux objects owning the app, in the order they are suspended. */
    static List<FluxOwnerRef> fluxOwners(App app) {
        List<FluxOwnerRef> owners = new ArrayList<>();
        app.kustomizations().stream().map(FluxKustomization::ref).forEach(owners::add);
        app.helmReleases().stream().map(FluxHelmRelease::ref).forEach(owners::add);
        return owners;
    }

    static ObjectManifest safetySnapshot(App app, RestoreNames names) {
        Map<String, String> labels = new LinkedHashMap<>(names.labels());
        labels.put("volsync.backube/do-not-delete", "true");
        Map<String, Object> spec = new LinkedHashMap<>();
        app.source().kopia().volumeSnapshotClassName().ifPresent(c -> spec.put("volumeSnapshotClassName", c));
        spec.put("source", Map.of("persistentVolumeClaimName", app.source().sourcePvc()));
        return ObjectManifest.of("snapshot.storage.k8s.io/v1", "VolumeSnapshot", app.namespace(),
                names.safetySnapshot(), labels, spec);
    }

    /** The temporary RD of volsync.md §8.1 row 5a: Direct into the app's own claim. */
    static ObjectManifest destination(App app, RestoreNames names, ChosenSnapshot snapshot, String tag) {
        return new DirectDestination(app.namespace(), names.destination(), app.source().sourcePvc(),
                app.source().kopia().repository(), names.labels()).manifest(app, snapshot, tag);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
