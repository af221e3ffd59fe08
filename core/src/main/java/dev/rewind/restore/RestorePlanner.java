package dev.rewind.restore;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ObjectManifest;
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
 * <p>Thread-safe if its ports are.
 */
public final class RestorePlanner {
    /** RESTORE deadline: this much plus {@link #PER_GIB} per GiB of the snapshot. */
    static final Duration BASE_DEADLINE = Duration.ofMinutes(15);
    static final Duration PER_GIB = Duration.ofMinutes(2);

    private final AppDiscovery discovery;
    private final ClusterActions cluster;
    private final SnapshotPinner pinner;
    private final Clock clock;
    private final RandomGenerator random;

    public RestorePlanner(AppDiscovery discovery, ClusterActions cluster, SnapshotCatalogs catalogs, Clock clock,
                          RandomGenerator random) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.pinner = new SnapshotPinner(catalogs, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The default deadline of a mover restoring {@code sizeBytes}: {@link #BASE_DEADLINE} + {@link #PER_GIB} per GiB. */
    public static Duration restoreDeadline(long sizeBytes) {
        return BASE_DEADLINE.plus(PER_GIB.multipliedBy(Math.ceilDiv(sizeBytes, 1L << 30)));
    }

    /** PREFLIGHT: the app, its claim, its Flux owners and the permissions the restore will need. */
    public App preflight(RestoreRequest request) {
        App app = discovery.get(request.app(), request.namespace());
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
        List<AccessRequest> missing = RestorePermissions.of(app, fluxOwners(app), request.mode(),
                        !request.noSafetySnapshot()).stream()
                .filter(p -> !cluster.isAllowed(p)).toList();
        if (!missing.isEmpty()) {
            throw new RewindException(Reason.UNAVAILABLE, "missing RBAC permission(s) for restoring "
                    + app.namespace() + "/" + app.name() + ": "
                    + missing.stream().map(AccessRequest::toString).collect(Collectors.joining(", ")),
                    "grant them to the identity rewind runs as (kubectl auth can-i <verb> <resource> -n <ns>)", null);
        }
        return app;
    }

    /** LIST_SNAPSHOTS: the snapshot the selector names, read from the repository itself ({@link SnapshotPinner}). */
    public ChosenSnapshot listSnapshots(App app, RestoreRequest request) {
        return pinner.pin(app, request.selector(), request.allowEmpty());
    }

    /** PREFLIGHT, LIST_SNAPSHOTS, and the plan. Changes nothing. */
    public RestorePlan plan(RestoreRequest request) {
        App app = preflight(request);
        return plan(app, listSnapshots(app, request), request);
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
