package dev.rewind.restore;

import dev.rewind.app.ClaimState;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.SnapshotReadiness;
import dev.rewind.app.VolumeState;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.Sleeper;
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
 * it; the old PV is kept with reclaim policy Retain for rollback).
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
    private final ClusterActions cluster;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RestoreSettings settings;
    private final RestoreListener listener;

    public RestoreExecutor(ClusterActions cluster, Clock clock, Sleeper sleeper, RandomGenerator random,
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
            MoverGate.verify(rd, journal.snapshotId(), journal.identity()).ifPresent(f -> {
                throw new RestoreGateException(f.reason(), f.message());
            });
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
                return;
            }
            RestoreJournal.CapturedClaim original = journal.originalClaim().orElseThrow();
            String pv = r.volumeName().orElseThrow();
            Optional<ClaimState> live = cluster.findClaim(ns, journal.claimName());
            if (live.isPresent() && live.get().volumeName().filter(pv::equals).isPresent()) {
                note(RestorePhase.ROLLBACK, "claim " + ns + "/" + journal.claimName() + " is back on " + pv);
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
    // ---- whole-app restore: a step between CLEANUP and RESUME (appended; see BeforeResume)

    private BeforeResume beforeResume = BeforeResume.none();

    /**
     * This executor with {@code hook} run at the start of RESUME of a restore that did not fail (the claim holds the
     * pinned snapshot, the workloads are still at 0 replicas). The hook runs again when RESUME is resumed.
     */
    public RestoreExecutor withBeforeResume(BeforeResume hook) {
        RestoreExecutor copy = new RestoreExecutor(cluster, clock, sleeper, random, settings, listener);
        copy.beforeResume = java.util.Objects.requireNonNull(hook, "hook");
        return copy;
    }
}
