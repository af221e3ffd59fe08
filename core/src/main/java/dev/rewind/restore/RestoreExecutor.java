package dev.rewind.restore;

import dev.rewind.app.ClaimState;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.app.SnapshotReadiness;
import dev.rewind.app.VolumeState;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.Sleeper;
import dev.rewind.volsync.MoverJobName;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link RestorePlan} against the cluster through {@link ClusterActions}: QUIESCE → SAFETY_POINT → RESTORE →
 * CLEANUP → RESUME → POST_VERIFY, with ROLLBACK (volsync.md §8.1), in IN_PLACE mode (a temporary Direct RD) or
 * REPLACE mode (refresh the bootstrap RD's image, then delete and re-create the claim so the volume populator fills
 * it; the old PV is kept with reclaim policy Retain for rollback, and a rollback puts its journalled policy back once
 * the claim is Bound to it again).
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
 *       puts back the KEDA ScaledObjects' {@code paused-replicas} annotation as it was, and resumes exactly the Flux
 *       objects rewind suspended, requesting a reconcile of each.</li>
 *   <li>QUIESCE ends only when no pod mounts the claim AND no VolumeAttachment references its PersistentVolume
 *       (volsync.md §8.1 row 3: the volume is detached), within {@link RestoreSettings#quiesceTimeout()}.</li>
 *   <li>While RESTORE waits, the logs of the mover pods ({@code job-name=volsync-dst-<rd>}, container
 *       {@code kopia}) are read through {@link MoverLogs} at every poll (and, with {@code follow}, each new line is
 *       reported as a progress note). The mover gate (§2.5, §8.1 row 5a) reads those logs together with the 1 KiB
 *       status tail: they must name the pinned snapshot id ({@code Selected snapshot with id: <id>}) and contain
 *       neither {@code No eligible snapshots} / {@code No data will be restored} (Volsync's "success with nothing
 *       restored") nor {@code creating new repository}. A log that cannot be read (RBAC, pod gone) is reported as a
 *       note; the gate then rests on the tail alone.</li>
 *   <li>POST_VERIFY waits for the workloads' ready replicas; with a {@link VolumeCheck} it then runs the counting
 *       pod and fails with {@code CORRUPT} (exit code 4) when the count differs — the restored data is kept.</li>
 * </ul>
 * Waiting never sleeps directly: the injected {@link Sleeper} waits between polls and the injected {@link Clock}
 * measures deadlines. Not thread-safe: one run at a time per instance.
 */
public final class RestoreExecutor {
    /** In-cluster annotation that makes Flux's kustomize-controller skip (neither apply nor prune) an object. */
    static final String FLUX_RECONCILE = "kustomize.toolkit.fluxcd.io/reconcile";
    static final String FLUX_KUSTOMIZATION_LABEL = "kustomize.toolkit.fluxcd.io/name";

    private final ClusterActions cluster;
    private final RestoreEnvironment environment;
    private final MoverLogs moverLogs;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RestoreSettings settings;
    private final RestoreListener listener;
    private final BeforeResume beforeResume;

    public RestoreExecutor(ClusterActions cluster, RestoreEnvironment environment, MoverLogs moverLogs, Clock clock,
                           Sleeper sleeper, RandomGenerator random, RestoreSettings settings,
                           RestoreListener listener) {
        this(cluster, environment, moverLogs, clock, sleeper, random, settings, listener, BeforeResume.none());
    }

    /**
     * An executor that runs {@code beforeResume} at the start of RESUME of a restore that did not fail (the claim
     * holds the pinned snapshot, the workloads are still at 0 replicas); the hook runs again when RESUME is resumed.
     */
    public RestoreExecutor(ClusterActions cluster, RestoreEnvironment environment, MoverLogs moverLogs, Clock clock,
                           Sleeper sleeper, RandomGenerator random, RestoreSettings settings,
                           RestoreListener listener, BeforeResume beforeResume) {
        this.beforeResume = Objects.requireNonNull(beforeResume, "beforeResume");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.moverLogs = Objects.requireNonNull(moverLogs, "moverLogs");
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
        /** Mover pod → the longest log read from it in this run. */
        private final Map<String, String> moverLog = new LinkedHashMap<>();
        private final Map<String, Integer> linesReported = new LinkedHashMap<>();
        private boolean logUnreadableNoted;
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
                    if (replace()) {
                        refreshImage();
                        replaceClaim();
                    } else {
                        restoreInPlace();
                    }
                    yield RestorePhase.CLEANUP;
                }
                case CLEANUP -> {
                    if (replace()) {
                        clearSelection(RestorePhase.CLEANUP);
                    } else {
                        cleanup();
                    }
                    yield RestorePhase.RESUME;
                }
                case ROLLBACK -> {
                    if (replace()) {
                        rollbackReplace();
                    } else {
                        rollback();
                    }
                    yield RestorePhase.RESUME;
                }
                case RESUME -> {
                    if (journal.failure().isEmpty()) {
                        beforeResume.beforeResume(journal.app(), journal.namespace());
                    }
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
            for (String scaledObject : journal.safeguards().scaledObjects().keySet()) {
                environment.setPausedReplicas(ns, scaledObject, Optional.of("0"));
                note(RestorePhase.QUIESCE, "paused ScaledObject " + ns + "/" + scaledObject + " ("
                        + RestoreEnvironment.KEDA_PAUSED_REPLICAS + ": \"0\")");
            }
            for (Workload w : journal.workloads()) {
                cluster.scale(w, 0);
                note(RestorePhase.QUIESCE, "scaled " + w.kind().kubernetesKind() + " " + ns + "/" + w.name()
                        + " to 0 (was " + w.replicas() + ")");
            }
            Optional<String> volume = cluster.findClaim(ns, journal.claimName()).flatMap(ClaimState::volumeName);
            String[] blocking = {""};
            await(() -> "claim " + ns + "/" + journal.claimName() + " to be unused and detached, and Flux suspended"
                            + " (still: " + blocking[0] + ")",
                    clock.instant().plus(settings.quiesceTimeout()), Reason.TIMEOUT, () -> {
                        List<String> left = new ArrayList<>();
                        List<String> pods = cluster.podsMounting(ns, journal.claimName());
                        if (!pods.isEmpty()) {
                            left.add("pod(s) " + String.join(", ", pods));
                        }
                        if (pods.isEmpty() && volume.isPresent()) {
                            List<String> attachments = environment.attachmentsOf(volume.get());
                            if (!attachments.isEmpty()) {
                                left.add("VolumeAttachment(s) " + String.join(", ", attachments)
                                        + " of PersistentVolume " + volume.get());
                            }
                        }
                        journal.suspendedByRewind().stream().filter(o -> !cluster.findSuspended(o).orElse(true))
                                .forEach(o -> left.add(o + " not suspended"));
                        blocking[0] = String.join("; ", left);
                        return left.isEmpty() ? Optional.of(true) : Optional.empty();
                    });
            volume.ifPresent(pv -> note(RestorePhase.QUIESCE, "no pod mounts claim " + ns + "/"
                    + journal.claimName() + " and PersistentVolume " + pv + " is detached"));
        }

        private void safetyPoint() {
            String ns = journal.namespace();
            ClaimState claim = cluster.findClaim(ns, journal.claimName()).orElseThrow(() -> new RestoreGateException(
                    Reason.NOT_FOUND, "claim " + ns + "/" + journal.claimName() + " disappeared"));
            if (journal.originalClaim().isEmpty()) {
                journal = journal.withOriginalClaim(new RestoreJournal.CapturedClaim(claim.uid(), claim.manifest()));
                save();
            }
            if (replace()) {
                retainVolume();
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
                        captureMoverLogs(destination.name());
                        if (rd.isEmpty()) {
                            cluster.ensureCreated(destination);   // deleted underneath us: same name, same tag
                            return Optional.empty();
                        }
                        if (MoverGate.finished(rd.get(), journal.manualTag())) {
                            return rd;
                        }
                        MoverGate.failedRun(rd.get()).ifPresent(f -> {
                            throw new RestoreGateException(f.reason(), f.message());
                        });
                        return Optional.empty();
                    });
            verifyMover(done);
            note(RestorePhase.RESTORE, "restored snapshot " + journal.snapshotId() + " into claim " + ns + "/"
                    + journal.claimName());
        }

        private void verifyMover(ReplicationDestination rd) {
            captureMoverLogs(rd.name());
            String podLog = String.join("\n", moverLog.values());
            MoverGate.verify(rd, journal.snapshotId(), journal.identity(), podLog).ifPresent(f -> {
                throw new RestoreGateException(f.reason(), f.message());
            });
            note(RestorePhase.RESTORE, "mover log of ReplicationDestination " + rd.namespace() + "/" + rd.name()
                    + " names snapshot " + journal.snapshotId()
                    + (podLog.isBlank() ? " (status tail only: the pod log was not readable)" : ""));
        }

        /**
         * Reads the logs of the mover pods of RD {@code rdName} (volsync.md §4.5 "log streaming recipe"); keeps the
         * longest text per pod and, with {@code follow}, reports the lines not reported yet.
         */
        private void captureMoverLogs(String rdName) {
            String ns = journal.namespace();
            try {
                for (String pod : moverLogs.findPods(ns, MoverJobName.forDestination(rdName))) {
                    String log = moverLogs.readLog(ns, pod, "kopia");
                    if (log.length() > moverLog.getOrDefault(pod, "").length()) {
                        moverLog.put(pod, log);
                    }
                    if (journal.safeguards().follow()) {
                        List<String> lines = moverLog.getOrDefault(pod, "").lines().toList();
                        int done = linesReported.getOrDefault(pod, 0);
                        for (String line : lines.subList(Math.min(done, lines.size()), lines.size())) {
                            note(RestorePhase.RESTORE, pod + ": " + line);
                        }
                        linesReported.put(pod, Math.max(done, lines.size()));
                    }
                }
            } catch (RewindException e) {
                if (e.reason() == Reason.INTERRUPTED) {
                    throw e;
                }
                if (!logUnreadableNoted) {
                    logUnreadableNoted = true;
                    note(RestorePhase.RESTORE, "cannot read the mover's log: " + e.getMessage());
                }
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
            ObjectManifest rebuilt = fromSnapshot(original.manifest(), snapshot);
            cluster.ensureCreated(rebuilt);
            note(RestorePhase.ROLLBACK, "re-created claim " + ns + "/" + journal.claimName()
                    + " from safety VolumeSnapshot " + snapshot);
            if (rebuilt.document().get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
                    && a.containsKey(FLUX_RECONCILE)) {
                note(RestorePhase.ROLLBACK, "claim " + ns + "/" + journal.claimName() + " now has dataSourceRef"
                        + " VolumeSnapshot " + snapshot + ", which differs from Git and cannot be changed: annotated "
                        + FLUX_RECONCILE + "=disabled so the Kustomization does not fail on it (see the runbook)");
            }
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
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) document.getOrDefault("metadata",
                    Map.of()));
            if (metadata.get("labels") instanceof Map<?, ?> labels && labels.containsKey(FLUX_KUSTOMIZATION_LABEL)) {
                // Git's dataSourceRef (the RD) cannot be applied to this claim (immutable): keep Flux off it
                Map<String, Object> annotations = new LinkedHashMap<>();
                if (metadata.get("annotations") instanceof Map<?, ?> a) {
                    a.forEach((k, v) -> annotations.put(String.valueOf(k), v));
                }
                annotations.put(FLUX_RECONCILE, "disabled");
                metadata.put("annotations", annotations);
                document.put("metadata", metadata);
            }
            return new ObjectManifest(claim.apiVersion(), claim.kind(), claim.namespace(), claim.name(), document);
        }

        private void resumeApp() {
            String ns = journal.namespace();
            for (Workload w : journal.workloads()) {
                cluster.scale(w, w.replicas());
                note(RestorePhase.RESUME, "scaled " + w.kind().kubernetesKind() + " " + ns + "/" + w.name()
                        + " back to " + w.replicas());
            }
            journal.safeguards().scaledObjects().forEach((scaledObject, before) -> {
                environment.setPausedReplicas(ns, scaledObject, before);
                note(RestorePhase.RESUME, before.map(v -> "put " + RestoreEnvironment.KEDA_PAUSED_REPLICAS + ": \""
                        + v + "\" back on ScaledObject " + ns + "/" + scaledObject)
                        .orElse("unpaused ScaledObject " + ns + "/" + scaledObject));
            });
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

        private boolean replace() {
            return journal.mode() == RestoreMode.REPLACE;
        }

        private void retainVolume() {
            String ns = journal.namespace();
            RestoreJournal.ReplaceState r = journal.replace();
            if (r.volumeName().isEmpty()) {
                ClaimState claim = cluster.findClaim(ns, journal.claimName()).orElseThrow();
                String pv = claim.volumeName().orElseThrow(() -> new RestoreGateException(Reason.UNSUPPORTED,
                        "claim " + ns + "/" + journal.claimName() + " is not bound to a PersistentVolume"));
                VolumeState volume = cluster.findVolume(pv).orElseThrow(() -> new RestoreGateException(
                        Reason.NOT_FOUND, "PersistentVolume " + pv + " of claim " + journal.claimName() + " is missing"));
                journal = journal.withReplace(new RestoreJournal.ReplaceState(r.oldImage(), r.newImage(),
                        Optional.of(pv), Optional.of(volume.reclaimPolicy()), r.claimReplaced()));
                save();
            }
            String pv = journal.replace().volumeName().get();
            cluster.setReclaimPolicy(pv, "Retain");
            String policy = cluster.findVolume(pv).map(VolumeState::reclaimPolicy).orElse("");
            if (!policy.equals("Retain")) {
                throw new RestoreGateException(Reason.UNAVAILABLE, "PersistentVolume " + pv
                        + " did not take reclaim policy Retain (is " + policy + ")");
            }
            note(RestorePhase.SAFETY_POINT, "PersistentVolume " + pv + " is Retain (was "
                    + journal.replace().reclaimPolicy().orElse("?") + ")");
        }

        /** Step 1 of §8.1 row 5b: the bootstrap RD restores the pinned snapshot into a new image. */
        private void refreshImage() {
            String ns = journal.namespace();
            ObjectManifest patch = journal.destination();
            RestoreJournal.ReplaceState r = journal.replace();
            if (r.claimReplaced()) {
                return;   // step 2 had started: the image was verified before
            }
            if (r.oldImage().isEmpty()) {
                String old = cluster.findReplicationDestination(ns, patch.name())
                        .flatMap(rd -> rd.status().latestImage()).map(ref -> ref.name()).orElse("");
                journal = journal.withReplace(new RestoreJournal.ReplaceState(Optional.of(old), r.newImage(),
                        r.volumeName(), r.reclaimPolicy(), false));
            }
            if (journal.restoreDeadlineAt().isEmpty()) {
                journal = journal.withRestoreDeadline(clock.instant().plusSeconds(journal.restoreDeadlineSeconds()));
            }
            save();
            cluster.mergePatch(patch);
            note(RestorePhase.RESTORE, "ReplicationDestination " + ns + "/" + patch.name() + " restores "
                    + journal.snapshotId() + " (restoreAsOf " + journal.startTimeText() + ", trigger "
                    + journal.manualTag() + ")");
            ReplicationDestination done = awaitDestination(patch, false);
            verifyMover(done);
            String oldImage = journal.replace().oldImage().orElse("");
            String image = done.status().latestImage().map(ref -> ref.name()).orElse("");
            if (image.isEmpty() || image.equals(oldImage)) {
                throw new RestoreGateException(Reason.PARTIAL, "ReplicationDestination " + ns + "/" + patch.name()
                        + " did not publish a new latestImage (still '" + oldImage + "')");
            }
            await("VolumeSnapshot " + ns + "/" + image + " readyToUse", journal.restoreDeadlineAt().get(),
                    Reason.TIMEOUT, () -> cluster.findVolumeSnapshot(ns, image)
                            .filter(SnapshotReadiness::readyToUse).map(x -> true));
            RestoreJournal.ReplaceState now = journal.replace();
            journal = journal.withReplace(new RestoreJournal.ReplaceState(now.oldImage(), Optional.of(image),
                    now.volumeName(), now.reclaimPolicy(), false));
            save();
            note(RestorePhase.RESTORE, "new image " + image + " holds snapshot " + journal.snapshotId());
        }

        /** Step 2 of §8.1 row 5b: delete the claim and re-create it from its captured spec. */
        private void replaceClaim() {
            String ns = journal.namespace();
            RestoreJournal.CapturedClaim original = journal.originalClaim().orElseThrow();
            RestoreJournal.ReplaceState r = journal.replace();
            if (!r.claimReplaced()) {
                journal = journal.withReplace(new RestoreJournal.ReplaceState(r.oldImage(), r.newImage(),
                        r.volumeName(), r.reclaimPolicy(), true));
                save();
            }
            Optional<ClaimState> live = cluster.findClaim(ns, journal.claimName());
            if (live.isPresent() && live.get().uid().equals(original.uid())) {
                cluster.ensureDeleted("v1", "PersistentVolumeClaim", ns, journal.claimName());
                awaitClaimGone(original.uid());
            }
            cluster.ensureCreated(original.manifest());
            note(RestorePhase.RESTORE, "re-created claim " + ns + "/" + journal.claimName()
                    + "; the volume populator fills it from " + journal.replace().newImage().orElse("?")
                    + " once a consumer is scheduled");
        }

        private void awaitClaimGone(String uid) {
            String ns = journal.namespace();
            await("claim " + ns + "/" + journal.claimName() + " (uid " + uid + ") to be deleted",
                    clock.instant().plus(settings.rollbackTimeout()), Reason.TIMEOUT,
                    () -> cluster.findClaim(ns, journal.claimName()).filter(c -> c.uid().equals(uid)).isEmpty()
                            ? Optional.of(true) : Optional.empty());
        }

        /** Existence-checked removal, one field at a time; the trigger stays so the RD idles. */
        private void clearSelection(RestorePhase phase) {
            ObjectManifest rd = journal.destination();
            for (String field : List.of("/spec/kopia/restoreAsOf", "/spec/kopia/previous")) {
                if (cluster.removeField(rd.apiVersion(), rd.kind(), rd.namespace(), rd.name(), field)) {
                    note(phase, "removed " + field + " from ReplicationDestination " + rd.namespace() + "/"
                            + rd.name());
                }
            }
        }

        private void rollbackReplace() {
            clearSelection(RestorePhase.ROLLBACK);
            String ns = journal.namespace();
            RestoreJournal.ReplaceState r = journal.replace();
            if (!r.claimReplaced()) {
                note(RestorePhase.ROLLBACK, "the claim was not replaced; nothing to roll back");
                restoreReclaimPolicy();
                return;
            }
            RestoreJournal.CapturedClaim original = journal.originalClaim().orElseThrow();
            String pv = r.volumeName().orElseThrow();
            Optional<ClaimState> live = cluster.findClaim(ns, journal.claimName());
            if (live.isPresent() && live.get().volumeName().filter(pv::equals).isPresent()) {
                note(RestorePhase.ROLLBACK, "claim " + ns + "/" + journal.claimName() + " is back on " + pv);
                restoreReclaimPolicy();
                return;
            }
            if (live.isPresent()) {
                cluster.ensureDeleted("v1", "PersistentVolumeClaim", ns, journal.claimName());
                awaitClaimGone(live.get().uid());
            }
            cluster.releaseClaimRef(pv);
            cluster.ensureCreated(onVolume(original.manifest(), pv));
            note(RestorePhase.ROLLBACK, "re-created claim " + ns + "/" + journal.claimName()
                    + " on the retained PersistentVolume " + pv);
            restoreReclaimPolicy();
        }

        /**
         * The old PV holds the app's data again: once the claim is Bound to it, its journalled reclaim policy (set to
         * Retain at SAFETY_POINT) is put back, so the rolled-back app is left as it was (volsync.md §8.0 "Journal").
         * Never earlier: a Delete policy on a PV whose claim is gone would delete the data.
         */
        private void restoreReclaimPolicy() {
            RestoreJournal.ReplaceState r = journal.replace();
            if (r.volumeName().isEmpty() || r.reclaimPolicy().isEmpty()) {
                return;   // SAFETY_POINT did not get to the PV
            }
            String ns = journal.namespace();
            String pv = r.volumeName().get();
            String policy = r.reclaimPolicy().get();
            if (cluster.findVolume(pv).map(VolumeState::reclaimPolicy).filter(policy::equals).isPresent()) {
                return;
            }
            await("claim " + ns + "/" + journal.claimName() + " to be Bound to PersistentVolume " + pv,
                    clock.instant().plus(settings.rollbackTimeout()), Reason.TIMEOUT,
                    () -> cluster.findClaim(ns, journal.claimName())
                            .filter(c -> c.volumeName().filter(pv::equals).isPresent())
                            .filter(c -> c.phase().filter("Bound"::equals).isPresent()).map(c -> true));
            cluster.setReclaimPolicy(pv, policy);
            note(RestorePhase.ROLLBACK, "PersistentVolume " + pv + " has its reclaim policy " + policy + " back");
        }

        @SuppressWarnings("unchecked")
        private ObjectManifest onVolume(ObjectManifest claim, String pv) {
            Map<String, Object> document = new LinkedHashMap<>(claim.document());
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) document.getOrDefault("spec",
                    Map.of()));
            spec.put("volumeName", pv);
            document.put("spec", spec);
            return new ObjectManifest(claim.apiVersion(), claim.kind(), claim.namespace(), claim.name(), document);
        }

        private ReplicationDestination awaitDestination(ObjectManifest destination, boolean recreate) {
            String ns = journal.namespace();
            return await("ReplicationDestination " + ns + "/" + destination.name() + " to finish trigger "
                    + journal.manualTag(), journal.restoreDeadlineAt().get(), Reason.TIMEOUT, () -> {
                        Optional<ReplicationDestination> rd = cluster.findReplicationDestination(ns,
                                destination.name());
                        captureMoverLogs(destination.name());
                        if (rd.isEmpty()) {
                            if (recreate) {
                                cluster.ensureCreated(destination);   // deleted underneath us: same name and tag
                            }
                            return Optional.empty();
                        }
                        if (MoverGate.finished(rd.get(), journal.manualTag())) {
                            return rd;
                        }
                        MoverGate.failedRun(rd.get()).ifPresent(f -> {
                            throw new RestoreGateException(f.reason(), f.message());
                        });
                        return Optional.empty();
                    });
        }

        private void postVerify() {
            if (replace() && journal.failure().isEmpty()) {
                String ns = journal.namespace();
                String expected = ns + "/" + journal.replace().newImage().orElse("?");
                String oldUid = journal.originalClaim().map(RestoreJournal.CapturedClaim::uid).orElse("");
                await("claim " + ns + "/" + journal.claimName() + " populated from " + expected,
                        clock.instant().plus(settings.verifyTimeout()), Reason.TIMEOUT, () -> {
                            Optional<ClaimState> claim = cluster.findClaim(ns, journal.claimName())
                                    .filter(c -> !c.uid().equals(oldUid))
                                    .filter(c -> c.phase().filter("Bound"::equals).isPresent());
                            Optional<String> from = claim.flatMap(ClaimState::volumeName).flatMap(cluster::findVolume)
                                    .map(v -> v.annotations().getOrDefault("volsync.backube/populated-from", ""));
                            if (from.isPresent() && !from.get().equals(expected)) {
                                throw new RestoreGateException(Reason.PARTIAL, "claim " + ns + "/"
                                        + journal.claimName() + " was populated from " + from.get() + ", expected "
                                        + expected);
                            }
                            return from.map(x -> true);
                        });
                note(RestorePhase.POST_VERIFY, "claim " + ns + "/" + journal.claimName() + " populated from "
                        + expected + "; the old PersistentVolume " + journal.replace().volumeName().orElse("?")
                        + " is kept (Retain) until you delete it");
            }
            await("workloads of " + journal.namespace() + "/" + journal.app() + " Ready",
                    clock.instant().plus(settings.verifyTimeout()), Reason.TIMEOUT, () ->
                            journal.workloads().stream().allMatch(w -> cluster.readyReplicas(w) >= w.replicas())
                                    ? Optional.of(true) : Optional.empty());
            if (journal.failure().isEmpty() && journal.safeguards().volumeCheck().isPresent()) {
                countFiles(journal.safeguards().volumeCheck().get());
            }
        }

        /** The data check of {@code --verify}: a read-only pod counts the files; a mismatch fails, nothing is undone. */
        @SuppressWarnings("unchecked")
        private void countFiles(VolumeCheck check) {
            String ns = journal.namespace();
            ObjectManifest probe = check.probe();
            Map<String, Object> document = new LinkedHashMap<>(probe.document());
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) document.get("spec"));
            environment.findNodeMounting(ns, journal.claimName()).ifPresent(node -> spec.put("nodeName", node));
            document.put("spec", spec);
            String dir = "/" + check.path();
            try {
                cluster.ensureCreated(new ObjectManifest(probe.apiVersion(), probe.kind(), ns, probe.name(),
                        document));
                String phase = await("pod " + ns + "/" + probe.name() + " to count the files under " + dir,
                        clock.instant().plus(settings.verifyTimeout()), Reason.TIMEOUT,
                        () -> environment.findPodPhase(ns, probe.name())
                                .filter(p -> p.equals("Succeeded") || p.equals("Failed")));
                String log = moverLogs.readLog(ns, probe.name(), VolumeCheck.CONTAINER);
                Optional<Long> count = log.lines().filter(l -> l.startsWith(VolumeCheck.MARKER))
                        .map(l -> l.substring(VolumeCheck.MARKER.length()).trim())
                        .filter(t -> t.matches("[0-9]+")).map(Long::parseLong).findFirst();
                if (!phase.equals("Succeeded") || count.isEmpty()) {
                    throw new RestoreGateException(Reason.CORRUPT, "verification failed: pod " + ns + "/"
                            + probe.name() + " could not count the files under " + dir + " of claim "
                            + journal.claimName() + " (phase " + phase + (log.isBlank() ? "" : ", log: "
                            + log.lines().reduce((a, b) -> b).orElse("")) + ")");
                }
                if (count.get() != check.expectedFiles()) {
                    throw new RestoreGateException(Reason.CORRUPT, "verification failed: claim " + ns + "/"
                            + journal.claimName() + " holds " + count.get() + " files under " + dir + ", snapshot "
                            + journal.snapshotId() + " has " + check.expectedFiles()
                            + " (the restored data is kept)");
                }
                note(RestorePhase.POST_VERIFY, "claim " + ns + "/" + journal.claimName() + " holds "
                        + count.get() + " files under " + dir + ", as snapshot " + journal.snapshotId());
            } finally {
                cluster.ensureDeleted(probe.apiVersion(), probe.kind(), ns, probe.name());
            }
        }

        // ---- plumbing

        private <T> T await(String what, Instant deadline, Reason onTimeout, Supplier<Optional<T>> probe) {
            return await(() -> what, deadline, onTimeout, probe);
        }

        /** As above with a description computed when the wait times out (it can name what is still in the way). */
        private <T> T await(Supplier<String> describe, Instant deadline, Reason onTimeout,
                            Supplier<Optional<T>> probe) {
            while (true) {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw new RestoreGateException(onTimeout, "timed out at " + deadline + " waiting for "
                            + describe.get());
                }
                lock.renewIfDue();
                try {
                    sleeper.sleep(settings.pollInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RewindException(Reason.INTERRUPTED, "interrupted while waiting for " + describe.get()
                            + "; the journal is kept", "continue with --resume or undo with --abort", e);
                }
            }
        }

        private void note(RestorePhase phase, String message) {
            listener.on(new RestoreProgress.Note(journal.app(), phase, message));
        }
    }
    // ---- whole-app restore: a step between CLEANUP and RESUME (appended; see BeforeResume)

    /**
     * This executor, nested in a composite workflow: {@code hook} runs at the start of RESUME of a restore that did
     * not fail, and {@code beforeEachWait} runs before every wait between polls (the whole-app restore renews its own
     * Lease there, so it cannot lapse during a long mover run).
     */
    public RestoreExecutor nested(BeforeResume hook, Runnable beforeEachWait) {
        Objects.requireNonNull(beforeEachWait, "beforeEachWait");
        Sleeper outer = sleeper;
        return new RestoreExecutor(cluster, environment, moverLogs, clock, d -> {
            beforeEachWait.run();
            outer.sleep(d);
        }, random, settings, listener, hook);
    }
}
