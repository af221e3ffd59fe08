package dev.rewind.restore;

import dev.rewind.app.ClaimState;
import dev.rewind.app.ClusterWriter;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.SnapshotReadiness;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.Sleeper;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.MoverStatus;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link RestorePlan} against the cluster through {@link ClusterWriter}: QUIESCE → SAFETY_POINT → RESTORE →
 * CLEANUP → RESUME → POST_VERIFY, with ROLLBACK (volsync.md §8.1). IN_PLACE mode only.
 *
 * <p>Contract:
 * <ul>
 *   <li>Under the per-app Lease; a second run for the same app gets CONFLICT and changes nothing.</li>
 *   <li>The journal ConfigMap is written before the first mutation and after every phase; every action is
 *       "ensure"-style, so re-running the journalled phase after an interruption is safe. The manual tag is the
 *       journalled one, never a new one.</li>
 *   <li>A failed gate (pods that do not go away, a safety snapshot that does not become ready, a mover that fails,
 *       times out, or reports success without having restored the pinned snapshot — "No eligible snapshots",
 *       "creating new repository", another snapshot id, another identity) leads to ROLLBACK: the temporary RD is
 *       deleted and, if the claim may have been written, it is re-created from the safety snapshot; then RESUME.</li>
 *   <li>Any other failure (API server lost, interruption) stops the run with {@link RestoreOutcome.Interrupted} and
 *       leaves the journal; {@link #resume} or {@link #abort} completes it. On success and after a rollback the
 *       journal and the Lease are removed; the safety VolumeSnapshot is kept (labelled
 *       {@code volsync.backube/do-not-delete}) for the operator to delete.</li>
 *   <li>RESUME restores the journalled replica counts, unpauses the ReplicationSource unless it was paused before,
 *       and resumes exactly the Flux objects rewind suspended, requesting a reconcile of each.</li>
 * </ul>
 * Waiting never sleeps directly: the injected {@link Sleeper} waits between polls and the injected {@link Clock}
 * measures deadlines. Not thread-safe: one run at a time per instance.
 */
public final class RestoreExecutor {
    static final String NO_ELIGIBLE = "No eligible snapshots";
    static final String NEW_REPOSITORY = "creating new repository";

    private final ClusterWriter cluster;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RestoreSettings settings;
    private final RestoreListener listener;

    public RestoreExecutor(ClusterWriter cluster, Clock clock, Sleeper sleeper, RandomGenerator random,
                           RestoreSettings settings, RestoreListener listener) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts a new restore.
     *
     * @throws RewindException CONFLICT when another run holds the Lease or a journal of an unfinished restore exists
     *                         (nothing is changed then); UNSUPPORTED for REPLACE mode
     */
    public RestoreResult execute(RestorePlan plan) {
        if (plan.mode() != RestoreMode.IN_PLACE) {
            throw new RewindException(Reason.UNSUPPORTED, "restore mode " + plan.mode() + " is not implemented yet");
        }
        RestoreLock lock = lock(plan.namespace(), plan.app());
        lock.acquire();
        try {
            Optional<Map<String, String>> existing = cluster.findConfigMap(plan.namespace(),
                    RestoreNames.journal(plan.app()));
            if (existing.isPresent()) {
                throw new RewindException(Reason.CONFLICT, "an unfinished restore of " + plan.namespace() + "/"
                        + plan.app() + " is journalled in ConfigMap " + RestoreNames.journal(plan.app()) + " (phase "
                        + existing.get().getOrDefault("phase", "?") + ")", "complete it with --resume or --abort",
                        null);
            }
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        Run run = new Run(RestoreJournal.start(plan, clock.instant()), lock);
        return run.go(Optional.of(plan));
    }

    /**
     * Continues an interrupted restore from its journal: the journalled phase is re-run ensure-style.
     *
     * @throws RewindException NOT_FOUND when there is no journal; CONFLICT when a live run holds the Lease
     */
    public RestoreResult resume(String app, String namespace) {
        Run run = open(app, namespace);
        return run.go(Optional.empty());
    }

    /**
     * Abandons an unfinished restore: deletes the temporary RD, re-creates the claim from the safety snapshot if
     * the restore may have written to it, and always ends in RESUME.
     */
    public RestoreResult abort(String app, String namespace) {
        Run run = open(app, namespace);
        RestorePhase phase = run.journal.phase();
        if (phase != RestorePhase.RESUME && phase != RestorePhase.POST_VERIFY && phase != RestorePhase.ROLLBACK) {
            run.journal = run.journal.withFailure(new RestoreJournal.Failure(phase, Reason.INTERRUPTED,
                    "aborted by the operator")).withPhase(RestorePhase.ROLLBACK);
            run.save();
        }
        return run.go(Optional.empty());
    }

    private Run open(String app, String namespace) {
        RestoreLock lock = lock(namespace, app);
        lock.acquire();
        try {
            Map<String, String> data = cluster.findConfigMap(namespace, RestoreNames.journal(app))
                    .orElseThrow(() -> new RewindException(Reason.NOT_FOUND, "no unfinished restore of " + namespace
                            + "/" + app + " (no ConfigMap " + RestoreNames.journal(app) + ")"));
            return new Run(RestoreJournal.fromData(data), lock);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    private RestoreLock lock(String namespace, String app) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        return new RestoreLock(cluster, clock, "rewind-" + HexFormat.of().formatHex(id), settings.leaseDuration(),
                namespace, app);
    }

    /** One run over a journal. */
    private final class Run {
        private RestoreJournal journal;
        private final RestoreLock lock;
        private final Map<RestorePhase, Duration> durations = new EnumMap<>(RestorePhase.class);
        private final List<String> warnings = new ArrayList<>();
        private RestorePhase current;

        Run(RestoreJournal journal, RestoreLock lock) {
            this.journal = journal;
            this.lock = lock;
            this.current = journal.phase();
        }

        RestoreResult go(Optional<RestorePlan> plan) {
            RestoreOutcome outcome;
            try {
                save();
                outcome = loop();
                finish();
            } catch (RewindException e) {
                outcome = new RestoreOutcome.Interrupted(e.reason(), e.getMessage());
                lock.release();
            } catch (RuntimeException e) {
                outcome = new RestoreOutcome.Interrupted(Reason.INTERNAL, String.valueOf(e.getMessage()));
                lock.release();
            }
            listener.on(new RestoreProgress.Finished(journal.app(), outcome, durations));
            return new RestoreResult(journal.app(), journal.namespace(), plan, outcome, current, durations,
                    journal.snapshotId(), journal.safetySnapshot().map(ObjectManifest::name), false);
        }

        private RestoreOutcome loop() {
            RestoreOutcome verdict = new RestoreOutcome.Succeeded();
            while (true) {
                RestorePhase phase = journal.phase();
                current = phase;
                Instant started = clock.instant();
                listener.on(new RestoreProgress.PhaseStarted(journal.app(), phase, started));
                RestorePhase next;
                try {
                    next = run(phase);
                } catch (RestoreGateException gate) {
                    finished(phase, started);
                    note(phase, "gate failed: " + gate.getMessage());
                    switch (phase) {
                        case QUIESCE, SAFETY_POINT, RESTORE, CLEANUP -> {
                            journal = journal.withFailure(new RestoreJournal.Failure(phase, gate.reason(),
                                    gate.getMessage()));
                            advance(phase, RestorePhase.ROLLBACK);
                            continue;
                        }
                        case ROLLBACK -> {
                            warnings.add("rollback incomplete: " + gate.getMessage());
                            advance(phase, RestorePhase.RESUME);
                            continue;
                        }
                        default -> {
                            return new RestoreOutcome.Failed(gate.reason(), gate.getMessage());
                        }
                    }
                }
                finished(phase, started);
                if (next == null) {
                    break;
                }
                advance(phase, next);
            }
            if (!warnings.isEmpty()) {
                return new RestoreOutcome.Failed(Reason.PARTIAL, String.join("; ", warnings));
            }
            return journal.failure().<RestoreOutcome>map(f -> new RestoreOutcome.RolledBack(f.reason(),
                    f.message() + " (failed in " + f.phase() + ")")).orElse(verdict);
        }

        private void finished(RestorePhase phase, Instant started) {
            Duration took = Duration.between(started, clock.instant());
            durations.merge(phase, took, Duration::plus);
            listener.on(new RestoreProgress.PhaseFinished(journal.app(), phase, took));
        }

        private void advance(RestorePhase from, RestorePhase to) {
            if (!from.canMoveTo(to)) {
                throw new RewindException(Reason.INTERNAL, "illegal restore transition " + from + " → " + to);
            }
            journal = journal.withPhase(to);
            lock.renewIfDue();
            save();
        }

        private void save() {
            cluster.putConfigMap(journal.namespace(), RestoreNames.journal(journal.app()),
                    Map.of(RestoreNames.MANAGED_BY, "rewind", RestoreNames.RESTORE_LABEL, journal.app()),
                    journal.toData());
        }

        private void finish() {
            cluster.ensureDeleted("v1", "ConfigMap", journal.namespace(), RestoreNames.journal(journal.app()));
            lock.release();
        }

        /** Runs one phase; returns the next one, or null after the last. */
        private RestorePhase run(RestorePhase phase) {
            return switch (phase) {
                case PREFLIGHT, LIST_SNAPSHOTS -> throw new RewindException(Reason.INTERNAL,
                        phase + " is run by the planner, not journalled");
                case QUIESCE -> {
                    quiesce();
                    yield RestorePhase.SAFETY_POINT;
                }
                case SAFETY_POINT -> {
                    safetyPoint();
                    yield RestorePhase.RESTORE;
                }
                case RESTORE -> {
                    restoreInPlace();
                    yield RestorePhase.CLEANUP;
                }
                case CLEANUP -> {
                    cleanup();
                    yield RestorePhase.RESUME;
                }
                case ROLLBACK -> {
                    rollback();
                    yield RestorePhase.RESUME;
                }
                case RESUME -> {
                    resumeApp();
                    yield RestorePhase.POST_VERIFY;
                }
                case POST_VERIFY -> {
                    postVerify();
                    yield null;
                }
            };
        }

        // ---- phases

        private void quiesce() {
            String ns = journal.namespace();
            for (FluxOwnerRef owner : journal.suspendedByRewind()) {
                cluster.setSuspended(owner, true);
                note(RestorePhase.QUIESCE, "suspended " + owner);
            }
            if (!journal.sourceWasPaused()) {
                cluster.setReplicationSourcePaused(ns, journal.app(), true);
                note(RestorePhase.QUIESCE, "paused ReplicationSource " + ns + "/" + journal.app());
            }
            for (Workload w : journal.workloads()) {
                cluster.scale(w, 0);
                note(RestorePhase.QUIESCE, "scaled " + w.kind().kubernetesKind() + " " + ns + "/" + w.name()
                        + " to 0 (was " + w.replicas() + ")");
            }
            await("no pod mounting claim " + ns + "/" + journal.claimName() + " and Flux suspended",
                    clock.instant().plus(settings.quiesceTimeout()), Reason.TIMEOUT, () -> {
                        List<String> pods = cluster.podsMounting(ns, journal.claimName());
                        boolean suspended = journal.suspendedByRewind().stream()
                                .allMatch(o -> cluster.findSuspended(o).orElse(true));
                        return pods.isEmpty() && suspended ? Optional.of(true) : Optional.empty();
                    });
        }

        private void safetyPoint() {
            String ns = journal.namespace();
            ClaimState claim = cluster.findClaim(ns, journal.claimName()).orElseThrow(() -> new RestoreGateException(
                    Reason.NOT_FOUND, "claim " + ns + "/" + journal.claimName() + " disappeared"));
            if (journal.originalClaim().isEmpty()) {
                journal = journal.withOriginalClaim(new RestoreJournal.CapturedClaim(claim.uid(), claim.manifest()));
                save();
            }
            if (journal.safetySnapshot().isEmpty()) {
                note(RestorePhase.SAFETY_POINT, "no safety snapshot (requested)");
                return;
            }
            ObjectManifest snapshot = journal.safetySnapshot().get();
            cluster.ensureCreated(snapshot);
            await("VolumeSnapshot " + ns + "/" + snapshot.name() + " readyToUse",
                    clock.instant().plus(settings.snapshotTimeout()), Reason.TIMEOUT, () -> {
                        Optional<SnapshotReadiness> state = cluster.findVolumeSnapshot(ns, snapshot.name());
                        if (state.flatMap(SnapshotReadiness::error).isPresent()) {
                            throw new RestoreGateException(Reason.UNAVAILABLE, "VolumeSnapshot " + ns + "/"
                                    + snapshot.name() + " failed: " + state.get().error().get());
                        }
                        return state.filter(SnapshotReadiness::readyToUse).map(s -> true);
                    });
            note(RestorePhase.SAFETY_POINT, "VolumeSnapshot " + ns + "/" + snapshot.name() + " is ready");
        }

        private void restoreInPlace() {
            String ns = journal.namespace();
            ObjectManifest destination = journal.destination();
            if (journal.restoreDeadlineAt().isEmpty()) {
                journal = journal.withRestoreDeadline(clock.instant()
                        .plusSeconds(journal.restoreDeadlineSeconds()));
                save();
            }
            cluster.ensureCreated(destination);
            note(RestorePhase.RESTORE, "ReplicationDestination " + ns + "/" + destination.name() + " restores "
                    + journal.snapshotId() + " (restoreAsOf " + journal.startTimeText() + ", trigger "
                    + journal.manualTag() + ")");
            ReplicationDestination done = await("ReplicationDestination " + ns + "/" + destination.name()
                            + " to finish trigger " + journal.manualTag(), journal.restoreDeadlineAt().get(),
                    Reason.TIMEOUT, () -> {
                        Optional<ReplicationDestination> rd = cluster.findReplicationDestination(ns,
                                destination.name());
                        if (rd.isEmpty()) {
                            cluster.ensureCreated(destination);   // deleted underneath us: same name, same tag
                            return Optional.empty();
                        }
                        var status = rd.get().status();
                        if (status.lastManualSync().filter(journal.manualTag()::equals).isPresent()) {
                            return rd;
                        }
                        if (status.latestMoverStatus().map(MoverStatus::result).orElse(null) == MoverResult.FAILED) {
                            throw new RestoreGateException(Reason.UNAVAILABLE, "the restore mover of "
                                    + destination.name() + " failed: " + lastLine(status.latestMoverStatus().get()));
                        }
                        return Optional.empty();
                    });
            verifyMover(done);
            note(RestorePhase.RESTORE, "restored snapshot " + journal.snapshotId() + " into claim " + ns + "/"
                    + journal.claimName());
        }

        private void verifyMover(ReplicationDestination rd) {
            var status = rd.status();
            MoverStatus mover = status.latestMoverStatus().orElseThrow(() -> new RestoreGateException(Reason.PARTIAL,
                    "ReplicationDestination " + rd.name() + " finished without a mover status"));
            String logs = mover.logs();
            String where = "ReplicationDestination " + rd.namespace() + "/" + rd.name();
            if (mover.result() != MoverResult.SUCCESSFUL) {
                throw new RestoreGateException(Reason.UNAVAILABLE, where + " mover result " + mover.result());
            }
            if (logs.contains(NO_ELIGIBLE)) {
                throw new RestoreGateException(Reason.PARTIAL, where + " reported success but restored nothing"
                        + " (\"No eligible snapshots found\", volsync.md §2.5)");
            }
            if (logs.toLowerCase(Locale.ROOT).contains(NEW_REPOSITORY)) {
                throw new RestoreGateException(Reason.PARTIAL, where + " created a new empty repository instead of"
                        + " restoring (wrong repository location, volsync.md §2.5)");
            }
            if (!logs.contains("Selected snapshot with id: " + journal.snapshotId())) {
                throw new RestoreGateException(Reason.PARTIAL, where + " did not restore the pinned snapshot "
                        + journal.snapshotId() + ": " + lastLine(mover));
            }
            if (status.requestedIdentity().filter(id -> !id.equals(journal.identity())).isPresent()) {
                throw new RestoreGateException(Reason.PARTIAL, where + " used identity "
                        + status.requestedIdentity().get() + ", expected " + journal.identity());
            }
        }

        private void cleanup() {
            ObjectManifest rd = journal.destination();
            cluster.ensureDeleted(rd.apiVersion(), rd.kind(), rd.namespace(), rd.name());
            note(RestorePhase.CLEANUP, "deleted ReplicationDestination " + rd.namespace() + "/" + rd.name());
        }

        private void rollback() {
            String ns = journal.namespace();
            ObjectManifest rd = journal.destination();
            cluster.ensureDeleted(rd.apiVersion(), rd.kind(), rd.namespace(), rd.name());
            RestorePhase failedIn = journal.failure().map(RestoreJournal.Failure::phase).orElse(RestorePhase.RESTORE);
            if (!failedIn.mayHaveTouchedData()) {
                note(RestorePhase.ROLLBACK, "the claim was not written; nothing to roll back");
                return;
            }
            if (journal.safetySnapshot().isEmpty() || journal.originalClaim().isEmpty()) {
                throw new RestoreGateException(Reason.PARTIAL, "no safety snapshot was taken: claim " + ns + "/"
                        + journal.claimName() + " keeps what the failed restore left");
            }
            String snapshot = journal.safetySnapshot().get().name();
            RestoreJournal.CapturedClaim original = journal.originalClaim().get();
            Optional<ClaimState> live = cluster.findClaim(ns, journal.claimName());
            if (live.isPresent() && !live.get().uid().equals(original.uid())) {
                note(RestorePhase.ROLLBACK, "claim " + ns + "/" + journal.claimName()
                        + " was already re-created from " + snapshot);
                return;
            }
            if (live.isPresent()) {
                cluster.ensureDeleted("v1", "PersistentVolumeClaim", ns, journal.claimName());
                await("claim " + ns + "/" + journal.claimName() + " to be deleted",
                        clock.instant().plus(settings.rollbackTimeout()), Reason.TIMEOUT,
                        () -> cluster.findClaim(ns, journal.claimName()).isEmpty() ? Optional.of(true)
                                : Optional.empty());
            }
            cluster.ensureCreated(fromSnapshot(original.manifest(), snapshot));
            note(RestorePhase.ROLLBACK, "re-created claim " + ns + "/" + journal.claimName()
                    + " from safety VolumeSnapshot " + snapshot);
        }

        @SuppressWarnings("unchecked")
        private ObjectManifest fromSnapshot(ObjectManifest claim, String snapshot) {
            Map<String, Object> document = new LinkedHashMap<>(claim.document());
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) document.getOrDefault("spec",
                    Map.of()));
            Map<String, Object> source = Map.of("apiGroup", "snapshot.storage.k8s.io", "kind", "VolumeSnapshot",
                    "name", snapshot);
            spec.put("dataSource", source);
            spec.put("dataSourceRef", source);
            spec.remove("volumeName");
            document.put("spec", spec);
            return new ObjectManifest(claim.apiVersion(), claim.kind(), claim.namespace(), claim.name(), document);
        }

        private void resumeApp() {
            String ns = journal.namespace();
            for (Workload w : journal.workloads()) {
                cluster.scale(w, w.replicas());
                note(RestorePhase.RESUME, "scaled " + w.kind().kubernetesKind() + " " + ns + "/" + w.name()
                        + " back to " + w.replicas());
            }
            if (!journal.sourceWasPaused()) {
                cluster.setReplicationSourcePaused(ns, journal.app(), false);
                note(RestorePhase.RESUME, "unpaused ReplicationSource " + ns + "/" + journal.app());
            }
            Instant now = clock.instant();
            for (FluxOwnerRef owner : journal.suspendedByRewind().reversed()) {
                cluster.setSuspended(owner, false);
                cluster.requestReconcile(owner, now);
                note(RestorePhase.RESUME, "resumed and reconciled " + owner);
            }
        }

        private void postVerify() {
            await("workloads of " + journal.namespace() + "/" + journal.app() + " Ready",
                    clock.instant().plus(settings.verifyTimeout()), Reason.TIMEOUT, () ->
                            journal.workloads().stream().allMatch(w -> cluster.readyReplicas(w) >= w.replicas())
                                    ? Optional.of(true) : Optional.empty());
        }

        // ---- plumbing

        private <T> T await(String what, Instant deadline, Reason onTimeout, Supplier<Optional<T>> probe) {
            while (true) {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw new RestoreGateException(onTimeout, "timed out at " + deadline + " waiting for " + what);
                }
                lock.renewIfDue();
                try {
                    sleeper.sleep(settings.pollInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RewindException(Reason.INTERRUPTED, "interrupted while waiting for " + what
                            + "; the journal is kept", "continue with --resume or undo with --abort", e);
                }
            }
        }

        private void note(RestorePhase phase, String message) {
            listener.on(new RestoreProgress.Note(journal.app(), phase, message));
        }
    }

    private static String lastLine(MoverStatus status) {
        List<String> lines = status.logs().lines().filter(l -> !l.isBlank()).toList();
        return lines.stream().filter(l -> l.startsWith("ERROR") || l.contains("No eligible")).findFirst()
                .orElse(lines.isEmpty() ? status.result().name() : lines.getLast());
    }
}
