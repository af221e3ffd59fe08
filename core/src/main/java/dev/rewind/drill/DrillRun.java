package dev.rewind.drill;

import dev.rewind.app.ClusterActions;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.PodState;
import dev.rewind.app.SandboxActions;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.Poller;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.restore.MoverGate;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One run of a {@link DrillPlan}: PREPARE → RESTORE → CHECK, then CLEANUP in a {@code finally} (after a failure, an
 * interruption and an {@link Error} too). See {@link DrillService} for what each phase does. Single use, not
 * thread-safe.
 */
final class DrillRun {
    /** How long PREPARE waits for a Terminating sandbox namespace to disappear before refusing with CONFLICT. */
    static final Duration NAMESPACE_GONE_WAIT = Duration.ofMinutes(3);
    /** Waiting reasons of a checker that will not start by waiting longer. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private final DrillPlan plan;
    private final Instant startedAt;
    private final ClusterActions cluster;
    private final SandboxActions sandbox;
    private final MoverLogs logs;
    private final Clock clock;
    private final Poller poller;
    private final DrillSettings settings;
    private final DrillListener listener;
    private final String ns;
    private final Map<DrillPhase, Duration> durations = new EnumMap<>(DrillPhase.class);
    private final List<String> cleanupProblems = new ArrayList<>();
    private DrillPhase phase = DrillPhase.PLAN;
    private boolean createdNamespace;
    private Optional<Duration> timeToRestore = Optional.empty();
    private Optional<DrillCounts> found = Optional.empty();
    private OptionalInt checkExit = OptionalInt.empty();

    DrillRun(DrillPlan plan, Instant startedAt, DrillPorts ports) {
        this.plan = plan;
        this.startedAt = startedAt;
        this.cluster = ports.cluster();
        this.sandbox = ports.sandbox();
        this.logs = ports.logs();
        this.clock = ports.clock();
        this.poller = ports.poller();
        this.settings = ports.settings();
        this.listener = ports.listener();
        this.ns = plan.sandboxNamespace();
    }

    DrillResult go(Duration planning) {
        durations.put(DrillPhase.PLAN, planning);
        plan.selectionNote().ifPresent(n -> listener.on(DrillPhase.PLAN, n));
        listener.on(DrillPhase.PLAN, plan.generation().label() + " snapshot " + plan.snapshot().id() + " of "
                + plan.snapshot().startTimeText() + ": expecting " + plan.expected());
        Optional<DrillOutcome.Failed> failure;
        try {
            failure = work();
        } finally {
            cleanUp();
        }
        DrillOutcome outcome = failure.<DrillOutcome>map(f -> f).orElseGet(() -> cleanupProblems.isEmpty()
                ? new DrillOutcome.Passed()
                : new DrillOutcome.Failed(DrillPhase.CLEANUP, Reason.PARTIAL, "cleanup incomplete: "
                + String.join("; ", cleanupProblems)));
        listener.on(DrillPhase.CLEANUP, outcome.passed() ? "drill passed" : "drill failed");
        return new DrillResult(plan.app().name(), plan.app().namespace(), ns, plan.generation(),
                Optional.of(plan.snapshot()), plan.selectionNote(), startedAt, clock.instant(), durations,
                timeToRestore, Optional.of(plan.expected()), found, checkExit, outcome, cleanupProblems);
    }

    private Optional<DrillOutcome.Failed> work() {
        for (DrillPhase next : List.of(DrillPhase.PREPARE, DrillPhase.RESTORE, DrillPhase.CHECK)) {
            advance(next);
            Instant began = clock.instant();
            Optional<DrillOutcome.Failed> failure = Optional.empty();
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
            } finally {
                durations.put(next, Duration.between(began, clock.instant()));
            }
            if (failure.isPresent()) {
                listener.on(next, "failed: " + failure.get().message());
                return failure;
            }
        }
        return Optional.empty();
    }

    private void cleanUp() {
        advance(DrillPhase.CLEANUP);   // allowed from every phase, also when an Error ended a working phase
        Instant began = clock.instant();
        boolean interrupted = Thread.interrupted();   // clean up even when interrupted, then say so again
        try {
            cleanup();
        } finally {
            durations.put(DrillPhase.CLEANUP, Duration.between(began, clock.instant()));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void advance(DrillPhase to) {
        if (!phase.canMoveTo(to)) {
            throw new IllegalStateException("illegal drill transition " + phase + " → " + to);
        }
        phase = to;
    }

    private void prepare() {
        Optional<String> namespacePhase = sandbox.findNamespacePhase(ns);
        if (namespacePhase.filter("Terminating"::equals).isPresent()) {
            listener.on(DrillPhase.PREPARE, "namespace " + ns + " is Terminating (a previous drill deleted it);"
                    + " waiting up to " + NAMESPACE_GONE_WAIT.toMinutes() + " min for it to go");
            Instant deadline = clock.instant().plus(NAMESPACE_GONE_WAIT);
            poller.poll(new WaitPolicy(settings.pollInterval(), NAMESPACE_GONE_WAIT),
                    () -> sandbox.findNamespacePhase(ns).isEmpty() ? Optional.of(true) : Optional.<Boolean>empty())
                    .orElseThrow(() -> new RewindException(Reason.CONFLICT, "sandbox namespace " + ns
                            + " is still Terminating at " + deadline + "; nothing can be created in it",
                            "wait until kubectl get ns " + ns + " finds nothing, or use another"
                                    + " --sandbox-namespace", null));
            namespacePhase = Optional.empty();
        }
        if (namespacePhase.isEmpty()) {
            if (!plan.namespacePolicy().creates()) {
                throw new RewindException(Reason.NOT_FOUND, "sandbox namespace " + ns + " does not exist; this"
                        + " drill never creates namespaces");
            }
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
        Instant deadline = clock.instant().plus(settings.checkTimeout());
        Duration left = settings.checkTimeout();
        PodState state = poller.poll(new WaitPolicy(settings.pollInterval(), left), () -> {
            Optional<PodState> live = sandbox.findPod(ns, pod.name());
            live.filter(s -> !s.terminated()).flatMap(PodState::message)
                    .filter(m -> STUCK.contains(m.split(":", 2)[0].strip())).ifPresent(m -> {
                        throw new RewindException(Reason.UNAVAILABLE, "checker " + pod + " cannot start: " + m,
                                "check the checker image (checkerImage) and the sandbox's pull secrets", null);
                    });
            return live.filter(PodState::terminated);
        }).orElseThrow(() -> new RewindException(Reason.TIMEOUT, "timed out at " + deadline + " waiting for "
                + pod + " to terminate; it is " + sandbox.findPod(ns, pod.name()).map(s -> s.phase()
                .orElse("without a phase") + s.message().map(m -> " (" + m + ")").orElse("")).orElse("gone")));
        String log = logs.readLog(ns, pod.name(), CheckerPod.CONTAINER);
        String tail = log.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("(empty log)");
        if (state.phase().filter("Failed"::equals).isPresent()) {
            if (state.exitCode().equals(OptionalInt.of(CheckerPod.UNREADABLE_EXIT))) {
                throw new RewindException(Reason.PARTIAL, "checker " + pod + " could not read all of the restored"
                        + " volume " + plan.claim() + " (find failed): " + tail);
            }
            throw new RewindException(Reason.UNAVAILABLE, "checker " + pod + " failed (exit "
                    + (state.exitCode().isPresent() ? state.exitCode().getAsInt() : "?")
                    + state.message().map(m -> ", " + m).orElse("") + "): " + tail);
        }
        CheckerPod.Report report = CheckerPod.parse(log);
        checkExit = report.checkCommandExit();
        DrillCounts counted = report.counts().orElseThrow(() -> new RewindException(Reason.PARTIAL,
                "checker " + pod + " printed no file and byte counts: " + tail));
        found = Optional.of(counted);
        compare(counted, tail);
    }

    private void compare(DrillCounts counted, String tail) {
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
                throw new RewindException(Reason.PARTIAL, "checker " + plan.checker() + " did not report the"
                        + " check command's exit status: " + tail);
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
            attempt(o.toString(), () -> cluster.ensureDeleted(o.apiVersion(), o.kind(), o.namespace(), o.name()));
        }
        attempt("Secret " + ns + "/" + plan.names().secret(),
                () -> cluster.ensureDeleted("v1", "Secret", ns, plan.names().secret()));
        if (createdNamespace && plan.namespacePolicy().deletesCreated()) {
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
