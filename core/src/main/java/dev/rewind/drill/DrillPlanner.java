package dev.rewind.drill;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.SandboxActions;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.restore.ChosenSnapshot;
import dev.rewind.restore.DirectDestination;
import dev.rewind.restore.RestorePlanner;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.restore.SnapshotSelector;
import dev.rewind.volsync.KopiaSourceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * PLAN of a drill ({@link DrillService}): reads only, and either returns the {@link DrillPlan} or throws a refusal —
 * unknown app / no snapshot / absent sandbox under {@link SandboxNamespacePolicy#MUST_EXIST} → NOT_FOUND; future
 * instant, empty snapshot, a sandbox equal to the app's namespace → INVALID_INPUT; a repository on a claim of the
 * app's namespace → UNSUPPORTED; a missing RBAC permission → UNAVAILABLE; a Terminating sandbox the drill may not
 * create again → CONFLICT. Thread-safe when its collaborators are.
 */
final class DrillPlanner {
    private static final long GIB = 1L << 30;

    private final AppDiscovery discovery;
    private final ClusterActions cluster;
    private final SandboxActions sandbox;
    private final SnapshotPinner pinner;
    private final Clock clock;
    private final RandomGenerator random;
    private final DrillSettings settings;

    DrillPlanner(AppDiscovery discovery, ClusterActions cluster, SandboxActions sandbox, SnapshotPinner pinner,
                 Clock clock, RandomGenerator random, DrillSettings settings) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.pinner = Objects.requireNonNull(pinner, "pinner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    DrillPlan plan(DrillRequest request) {
        App app = discovery.get(request.app(), request.namespace());
        String ns = request.sandboxNamespace();
        if (ns.equals(app.namespace())) {
            throw new RewindException(Reason.INVALID_INPUT, "sandbox namespace " + ns + " is the namespace of app "
                    + app.name() + "; a drill never works in the app's namespace", "pass --sandbox-namespace", null);
        }
        app.source().kopia().repositoryVolume().ifPresent(v -> {
            throw new RewindException(Reason.UNSUPPORTED, "the repository of app " + app.namespace() + "/"
                    + app.name() + " is claim " + v.claimName().orElse("?") + " mounted through moverVolumes; a"
                    + " sandbox namespace cannot mount a claim of namespace " + app.namespace());
        });
        checkPermissions(app, ns, request.namespacePolicy(), namespaceToCreate(ns, request.namespacePolicy()));
        Pinned pinned = pin(app, request.selection());
        ChosenSnapshot snapshot = pinned.snapshot();
        if (snapshot.fileCount() == 0) {
            throw new RewindException(Reason.INVALID_INPUT, "snapshot " + snapshot.id() + " of " + snapshot.source()
                    + " contains no files: a drill could not tell a restore from an empty volume");
        }
        Instant now = clock.instant();
        DrillNames names = DrillNames.startingAt(app.name(), app.namespace(), now);
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String tag = "rewind-drill-" + names.stamp() + "-" + HexFormat.of().formatHex(suffix);
        ObjectManifest destination = new DirectDestination(ns, names.destination(), names.claim(), names.secret(),
                names.labels()).manifest(app, snapshot, tag);
        ObjectManifest checker = CheckerPod.manifest(ns, names, settings.checkerImage(),
                app.source().kopia().moverSecurityContext(), request.checkCommand());
        return new DrillPlan(app, request.selection().generation(), snapshot, pinned.note(), ns, names, tag,
                scratchClaim(app, snapshot, ns, names), destination, checker,
                request.timeout().orElse(RestorePlanner.restoreDeadline(snapshot.sizeBytes())),
                request.checkCommand(), request.namespacePolicy());
    }

    /** Whether PREPARE will have to create the namespace; refusals for a policy that forbids it. */
    private boolean namespaceToCreate(String ns, SandboxNamespacePolicy policy) {
        Optional<String> phase = sandbox.findNamespacePhase(ns);
        boolean terminating = phase.filter("Terminating"::equals).isPresent();
        if (!policy.creates() && phase.isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, "sandbox namespace " + ns + " does not exist; this drill"
                    + " never creates namespaces", "create it and bind the drill role there (docs/deploy)", null);
        }
        if (!policy.creates() && terminating) {
            throw new RewindException(Reason.CONFLICT, "sandbox namespace " + ns + " is Terminating; this drill"
                    + " never creates namespaces", "recreate it once it is gone (kubectl get ns " + ns + ")", null);
        }
        return phase.isEmpty() || terminating;
    }

    private void checkPermissions(App app, String ns, SandboxNamespacePolicy policy, boolean createNamespace) {
        List<AccessRequest> missing = DrillPermissions.of(ns, createNamespace, policy.deletesCreated()).stream()
                .filter(p -> !cluster.isAllowed(p)).toList();
        if (!missing.isEmpty()) {
            throw new RewindException(Reason.UNAVAILABLE, "missing RBAC permission(s) for a drill of "
                    + app.namespace() + "/" + app.name() + ": "
                    + missing.stream().map(AccessRequest::toString).collect(Collectors.joining(", ")),
                    "grant them to the identity rewind runs as (docs/runbooks/drills.md, RBAC)", null);
        }
    }

    /** The snapshot and, when the generation needed a fallback, how it was chosen. */
    private record Pinned(ChosenSnapshot snapshot, Optional<String> note) {
    }

    private Pinned pin(App app, DrillSelection selection) {
        SnapshotCatalog catalog = pinner.catalogOf(app);
        return switch (selection) {
            case DrillSelection.Chosen c -> new Pinned(pinner.pin(catalog, app, c.selector(), true), Optional.empty());
            case DrillSelection.Generation g -> {
                Duration age = g.generation().minimumAge().orElseThrow();
                Instant cutoff = clock.instant().minus(age);
                List<SnapshotManifest> complete = pinner.completeSnapshots(catalog, app).stream()
                        .sorted(Comparator.comparing(SnapshotManifest::startAt)).toList();
                if (age.isZero()) {
                    yield new Pinned(pinner.pin(catalog, app, new SnapshotSelector.Newest(), true), Optional.empty());
                }
                if (!complete.isEmpty() && complete.getFirst().startAt().isAfter(cutoff)) {
                    SnapshotManifest oldest = complete.getFirst();
                    yield new Pinned(pinner.pin(catalog, app, new SnapshotSelector.ById(oldest.id().toString()),
                            true), Optional.of("no complete snapshot started before " + cutoff
                            + "; drilling the oldest, " + oldest.id() + " of " + oldest.startTimeText()));
                }
                yield new Pinned(pinner.pin(catalog, app, new SnapshotSelector.AsOf(cutoff), true), Optional.empty());
            }
        };
    }

    private static ObjectManifest scratchClaim(App app, ChosenSnapshot snapshot, String ns, DrillNames names) {
        KopiaSourceSpec rs = app.source().kopia();
        Optional<PersistentVolumeClaim> source = app.sourcePvc();
        String size = source.flatMap(PersistentVolumeClaim::requestedStorage).or(rs::capacity)
                .orElse(Math.max(1, Math.ceilDiv(snapshot.sizeBytes() + snapshot.sizeBytes() / 4, GIB)) + "Gi");
        List<String> modes = source.map(PersistentVolumeClaim::accessModes).filter(m -> !m.isEmpty())
                .orElse(List.of("ReadWriteOnce"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("accessModes", modes);
        spec.put("resources", Map.of("requests", Map.of("storage", size)));
        source.flatMap(PersistentVolumeClaim::storageClassName).or(rs::storageClassName)
                .ifPresent(c -> spec.put("storageClassName", c));
        return ObjectManifest.of("v1", "PersistentVolumeClaim", ns, names.claim(), names.labels(), spec);
    }
}
