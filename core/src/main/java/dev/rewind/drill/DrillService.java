package dev.rewind.drill;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.PodState;
import dev.rewind.app.SandboxActions;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.pg.Poller;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.restore.ChosenSnapshot;
import dev.rewind.restore.DirectDestination;
import dev.rewind.restore.MoverGate;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.RestorePlanner;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.restore.SnapshotSelector;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.Sleeper;
import dev.rewind.volsync.KopiaSourceSpec;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The restore drill: PLAN → PREPARE → RESTORE → CHECK → CLEANUP ({@link DrillPhase}).
 *
 * <ul>
 *   <li><b>PLAN</b> (reads only; a refusal is thrown and nothing is created): the app
 *       ({@link AppDiscovery}), the RBAC permissions in the sandbox ({@code SelfSubjectAccessReview}s, UNAVAILABLE
 *       naming each missing one), the snapshot pinned exactly as the restore pins it ({@link SnapshotPinner}:
 *       {@code restoreAsOf} = its start time, {@code previous 0}). Refusals: unknown app / no snapshot → NOT_FOUND;
 *       future instant, empty snapshot, a sandbox equal to the app's namespace → INVALID_INPUT; a repository on a
 *       claim of the app's namespace (moverVolumes, which a sandbox cannot mount) → UNSUPPORTED.</li>
 *   <li><b>PREPARE</b>: the sandbox namespace if absent, a copy of the app's repository Secret, and a scratch claim
 *       sized like the app's claim (else the ReplicationSource's capacity, else 125 % of the snapshot, at least
 *       1 GiB).</li>
 *   <li><b>RESTORE</b>: a temporary ReplicationDestination ({@link DirectDestination}: Direct into the scratch
 *       claim, the app's identity, manual trigger) and the restore's mover gates ({@link MoverGate}: trigger done,
 *       result Successful, log names the pinned snapshot id, requested identity is the app's). Its duration is the
 *       time to restore.</li>
 *   <li><b>CHECK</b>: the {@link CheckerPod} counts regular files and their apparent sizes on the restored volume;
 *       both must equal the snapshot's root directory summary exactly (files and bytes — apparent sizes do not
 *       depend on filesystem block accounting); the optional check command must exit 0.</li>
 *   <li><b>CLEANUP</b> always runs, after a failure and after an interruption too: the checker pod, the RD, the
 *       scratch claim, the Secret copy, and the namespace when the drill created it. An object that could not be
 *       deleted is listed in {@link DrillResult#cleanupProblems()} and fails the drill.</li>
 * </ul>
 * Nothing is written to the app's namespace. Waiting uses the injected {@link Sleeper} between polls and the injected
 * {@link Clock} for deadlines ({@link Poller}). Not thread-safe per run; one instance may serve runs one after the other.
 */
public final class DrillService {
    private static final long GIB = 1L << 30;

    private final AppDiscovery discovery;
    private final ClusterActions cluster;
    private final SandboxActions sandbox;
    private final MoverLogs logs;
    private final SnapshotPinner pinner;
    private final Clock clock;
    private final Poller poller;
    private final RandomGenerator random;
    private final DrillSettings settings;
    private final DrillListener listener;

    public DrillService(AppDiscovery discovery, ClusterActions cluster, SandboxActions sandbox, MoverLogs logs,
                        SnapshotPinner pinner, Clock clock, Sleeper sleeper, RandomGenerator random,
                        DrillSettings settings, DrillListener listener) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.pinner = Objects.requireNonNull(pinner, "pinner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poller = new Poller(clock, Objects.requireNonNull(sleeper, "sleeper"));
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The standard wiring: discovery over {@code reader}, the repository opened from the app's Secret. */
    public static DrillService standard(ClusterReader reader, ClusterActions actions, SandboxActions sandbox,
                                       MoverLogs logs, Function<RepositoryLocation, BlobStore> stores, Clock clock,
                                       Sleeper sleeper, RandomGenerator random, DrillSettings settings,
                                       DrillListener listener) {
        return new DrillService(new AppDiscovery(reader), actions, sandbox, logs,
                new SnapshotPinner(new RepositorySnapshotCatalogs(stores), clock), clock, sleeper, random, settings,
                listener);
    }

    /**
     * PLAN then the drill.
     *
     * @throws RewindException the refusals of PLAN (see the class comment); nothing was created then
     */
    public DrillResult drill(DrillRequest request) {
        Instant startedAt = clock.instant();
        listener.on(DrillPhase.PLAN, "drill of " + request.namespace().map(n -> n + "/").orElse("") + request.app());
        DrillPlan plan = plan(request);
        return new Run(plan, startedAt).go(Duration.between(startedAt, clock.instant()));
    }

    /**
     * PLAN: reads only.
     *
     * @throws RewindException the refusals listed in the class comment
     */
    public DrillPlan plan(DrillRequest request) {
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
        boolean createNamespace = !sandbox.namespaceExists(ns);
        List<AccessRequest> missing = DrillPermissions.of(ns, createNamespace).stream()
                .filter(p -> !cluster.isAllowed(p)).toList();
        if (!missing.isEmpty()) {
            throw new RewindException(Reason.UNAVAILABLE, "missing RBAC permission(s) for a drill of "
                    + app.namespace() + "/" + app.name() + ": "
                    + missing.stream().map(AccessRequest::toString).collect(Collectors.joining(", ")),
                    "grant them to the identity rewind runs as (docs/runbooks/drills.md, RBAC)", null);
        }
        SnapshotCatalog catalog = pinner.catalogOf(app);
        Optional<String> note = Optional.empty();
        ChosenSnapshot snapshot;
        switch (request.selection()) {
            case DrillSelection.Chosen c -> snapshot = pinner.pin(catalog, app, c.selector(), true);
            case DrillSelection.Generation g -> {
                Duration age = g.generation().minimumAge().orElseThrow();
                Instant cutoff = clock.instant().minus(age);
                List<SnapshotManifest> complete = pinner.completeSnapshots(catalog, app).stream()
                        .sorted(Comparator.comparing(SnapshotManifest::startAt)).toList();
                if (age.isZero()) {
                    snapshot = pinner.pin(catalog, app, new SnapshotSelector.Newest(), true);
                } else if (!complete.isEmpty() && complete.getFirst().startAt().isAfter(cutoff)) {
                    SnapshotManifest oldest = complete.getFirst();
                    note = Optional.of("no complete snapshot started before " + cutoff + "; drilling the oldest, "
                            + oldest.id() + " of " + oldest.startTimeText());
                    snapshot = pinner.pin(catalog, app, new SnapshotSelector.ById(oldest.id().toString()), true);
                } else {
                    snapshot = pinner.pin(catalog, app, new SnapshotSelector.AsOf(cutoff), true);
                }
            }
        }
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
        return new DrillPlan(app, request.selection().generation(), snapshot, note, ns, names, tag,
                scratchClaim(app, snapshot, ns, names), destination, checker,
                request.timeout().orElse(RestorePlanner.restoreDeadline(snapshot.sizeBytes())),
                request.checkCommand());
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

    /** One run of a plan. */
    private final class Run {
        private final DrillPlan plan;
        private final Instant startedAt;
        private final String ns;
        private final Map<DrillPhase, Duration> durations = new EnumMap<>(DrillPhase.class);
        private final List<String> cleanupProblems = new ArrayList<>();
        private DrillPhase phase = DrillPhase.PLAN;
        private boolean createdNamespace;
        private Optional<Duration> timeToRestore = Optional.empty();
        private Optional<DrillCounts> found = Optional.empty();
        private OptionalInt checkExit = OptionalInt.empty();

        Run(DrillPlan plan, Instant startedAt) {
            this.plan = plan;
            this.startedAt = startedAt;
            this.ns = plan.sandboxNamespace();
        }

        DrillResult go(Duration planning) {
            durations.put(DrillPhase.PLAN, planning);
            plan.selectionNote().ifPresent(n -> listener.on(DrillPhase.PLAN, n));
            listener.on(DrillPhase.PLAN, plan.generation().label() + " snapshot " + plan.snapshot().id() + " of "
                    + plan.snapshot().startTimeText() + ": expecting " + plan.expected());
            Optional<DrillOutcome.Failed> failure = Optional.empty();
            for (DrillPhase next : List.of(DrillPhase.PREPARE, DrillPhase.RESTORE, DrillPhase.CHECK)) {
                advance(next);
                Instant began = clock.instant();
                try {
                    switch (next) {
                        case PREPARE -> prepare();
                        case RESTORE -> restore(began);
                        case CHECK -> check();
                        case PLAN, CLEANUP -> throw new IllegalStateException(next + " is not a working phase");
                    }
                } catch (RewindException e) {
                    failure = Optional.of(new DrillOutcome.Failed(next, e.reason(), e.getMessage()));
                } catch (RuntimeException e) {
                    failure = Optional.of(new DrillOutcome.Failed(next, Reason.INTERNAL, String.valueOf(e)));
                }
                durations.put(next, Duration.between(began, clock.instant()));
                if (failure.isPresent()) {
                    listener.on(next, "failed: " + failure.get().message());
                    break;
                }
            }
            advance(DrillPhase.CLEANUP);
            Instant began = clock.instant();
            boolean interrupted = Thread.interrupted();   // clean up even when interrupted, then say so again
            try {
                cleanup();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            durations.put(DrillPhase.CLEANUP, Duration.between(began, clock.instant()));
            DrillOutcome outcome = failure.<DrillOutcome>map(f -> f).orElseGet(() -> cleanupProblems.isEmpty()
                    ? new DrillOutcome.Passed()
                    : new DrillOutcome.Failed(DrillPhase.CLEANUP, Reason.PARTIAL, "cleanup incomplete: "
                    + String.join("; ", cleanupProblems)));
            listener.on(DrillPhase.CLEANUP, outcome.passed() ? "drill passed" : "drill failed");
            return new DrillResult(plan.app().name(), plan.app().namespace(), ns, plan.generation(),
                    Optional.of(plan.snapshot()), plan.selectionNote(), startedAt, clock.instant(), durations,
                    timeToRestore, Optional.of(plan.expected()), found, checkExit, outcome, cleanupProblems);
        }

        private void advance(DrillPhase to) {
            if (!phase.canMoveTo(to)) {
                throw new IllegalStateException("illegal drill transition " + phase + " → " + to);
            }
            phase = to;
        }

        private void prepare() {
            if (!sandbox.namespaceExists(ns)) {
                sandbox.createNamespace(ns, Map.of(DrillNames.MANAGED_BY, "rewind"));
                createdNamespace = true;
                listener.on(DrillPhase.PREPARE, "created namespace " + ns);
            }
            sandbox.createSecret(ns, plan.names().secret(), plan.names().labels(), plan.app().repository().data());
            listener.on(DrillPhase.PREPARE, "copied the repository Secret of " + plan.app().namespace() + "/"
                    + plan.app().name() + " to " + ns + "/" + plan.names().secret());
            cluster.ensureCreated(plan.claim());
            listener.on(DrillPhase.PREPARE, "created scratch " + plan.claim());
        }

        private void restore(Instant began) {
            ObjectManifest rd = plan.destination();
            cluster.ensureCreated(rd);
            listener.on(DrillPhase.RESTORE, "created " + rd + " (restoreAsOf " + plan.snapshot().startTimeText()
                    + ", trigger " + plan.manualTag() + ")");
            ReplicationDestination done = await(rd + " to finish trigger " + plan.manualTag(),
                    began.plus(plan.restoreDeadline()), () -> {
                        Optional<ReplicationDestination> live = cluster.findReplicationDestination(ns, rd.name());
                        if (live.isEmpty()) {
                            return Optional.empty();
                        }
                        if (MoverGate.finished(live.get(), plan.manualTag())) {
                            return live;
                        }
                        MoverGate.failedRun(live.get()).ifPresent(f -> {
                            throw new RewindException(f.reason(), f.message());
                        });
                        return Optional.empty();
                    });
            MoverGate.verify(done, plan.snapshot().id(), plan.app().identity().userAtHost()).ifPresent(f -> {
                throw new RewindException(f.reason(), f.message());
            });
            timeToRestore = Optional.of(Duration.between(began, clock.instant()));
            listener.on(DrillPhase.RESTORE, "restored snapshot " + plan.snapshot().id() + " into " + plan.claim());
        }

        private void check() {
            ObjectManifest pod = plan.checker();
            cluster.ensureCreated(pod);
            listener.on(DrillPhase.CHECK, "created checker " + pod);
            PodState state = await(pod + " to terminate", clock.instant().plus(settings.checkTimeout()),
                    () -> sandbox.findPod(ns, pod.name()).filter(PodState::terminated));
            String log = logs.readLog(ns, pod.name(), CheckerPod.CONTAINER);
            String tail = log.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(empty log)");
            if (state.phase().filter("Failed"::equals).isPresent()) {
                throw new RewindException(Reason.UNAVAILABLE, "checker " + pod + " failed (exit "
                        + (state.exitCode().isPresent() ? state.exitCode().getAsInt() : "?")
                        + state.message().map(m -> ", " + m).orElse("") + "): " + tail);
            }
            CheckerPod.Report report = CheckerPod.parse(log);
            checkExit = report.checkCommandExit();
            DrillCounts counted = report.counts().orElseThrow(() -> new RewindException(Reason.PARTIAL,
                    "checker " + pod + " printed no file and byte counts: " + tail));
            found = Optional.of(counted);
            DrillCounts expected = plan.expected();
            listener.on(DrillPhase.CHECK, "found " + counted + ", snapshot has " + expected);
            String snapshot = "snapshot " + plan.snapshot().id();
            if (counted.files() != expected.files()) {
                throw new RewindException(Reason.CORRUPT, "the restored volume " + plan.claim() + " holds "
                        + counted.files() + " files, " + snapshot + " has " + expected.files());
            }
            if (counted.sizeBytes() != expected.sizeBytes()) {
                throw new RewindException(Reason.CORRUPT, "the restored volume " + plan.claim() + " holds "
                        + counted.sizeBytes() + " bytes in files, " + snapshot + " has " + expected.sizeBytes());
            }
            if (plan.checkCommand().isPresent()) {
                if (checkExit.isEmpty()) {
                    throw new RewindException(Reason.PARTIAL, "checker " + pod + " did not report the check"
                            + " command's exit status: " + tail);
                }
                if (checkExit.getAsInt() != 0) {
                    throw new RewindException(Reason.PARTIAL, "the check command exited " + checkExit.getAsInt()
                            + " on the restored volume: " + tail);
                }
            }
        }

        private void cleanup() {
            List<ObjectManifest> objects = new ArrayList<>(plan.manifests()).reversed();
            for (ObjectManifest o : objects) {
                attempt(o.toString(), () -> cluster.ensureDeleted(o.apiVersion(), o.kind(), o.namespace(),
                        o.name()));
            }
            attempt("Secret " + ns + "/" + plan.names().secret(),
                    () -> cluster.ensureDeleted("v1", "Secret", ns, plan.names().secret()));
            if (createdNamespace) {
                attempt("Namespace " + ns, () -> sandbox.deleteNamespace(ns));
            }
        }

        private void attempt(String what, Runnable delete) {
            try {
                delete.run();
                listener.on(DrillPhase.CLEANUP, "deleted " + what);
            } catch (RuntimeException e) {
                cleanupProblems.add(what + ": " + e.getMessage());
                listener.on(DrillPhase.CLEANUP, "could not delete " + what + ": " + e.getMessage());
            }
        }

        private <T> T await(String what, Instant deadline, Supplier<Optional<T>> probe) {
            Duration left = Duration.between(clock.instant(), deadline);
            return poller.poll(new WaitPolicy(settings.pollInterval(), left.isNegative() ? Duration.ZERO : left),
                    probe).orElseThrow(() -> new RewindException(Reason.TIMEOUT, "timed out at " + deadline
                    + " waiting for " + what));
        }
    }
}
