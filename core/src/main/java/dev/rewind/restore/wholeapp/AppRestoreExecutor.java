package dev.rewind.restore.wholeapp;

import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.PostgresControl;
import dev.rewind.app.VersionedConfigMap;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import dev.rewind.restore.RestoreExecutor;
import dev.rewind.restore.RestoreLock;
import dev.rewind.restore.RestoreOutcome;
import dev.rewind.restore.RestorePlan;
import dev.rewind.restore.RestorePlanner;
import dev.rewind.restore.RestoreRequest;
import dev.rewind.restore.RestoreResult;
import dev.rewind.restore.SnapshotSelector;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Runs an {@link AppRestorePlan}: RECOVER_DATABASE ({@link DatabaseStage}: create the recovery Cluster beside the
 * source, wait until healthy, take its first backup — nothing of the app is touched yet, so a failure here loses
 * nothing) → RESTORE_VOLUME (the volume restore's own state machine: quiesce, safety point, restore, cleanup) →
 * SWITCH_CONNECTION (inside the volume restore's RESUME, while the app is still scaled to 0, through
 * {@link RestoreExecutor#nested}; {@link ConnectionSwitcher}) → RESUME_APP (scale back, resume Flux, verify, then
 * re-read every switched location) → COMPLETE.
 *
 * <p>Contract:
 * <ul>
 *   <li>Under Lease {@code rewind-apprestore-<app>}, renewed before every wait — also during the nested volume
 *       restore, whose mover may run for many minutes. A journal of an unfinished whole-app or volume restore of
 *       the app refuses a new run with CONFLICT before anything changes.</li>
 *   <li>The journal ({@link AppRestoreJournal}) is written before the first change and after every stage, each
 *       time conditionally on the resourceVersion this run last saw (CONFLICT when another run wrote it). Any
 *       failure stops the run as {@link RestoreOutcome.Interrupted} with the journal kept; {@link #resume}
 *       continues from the journalled stage (an existing recovery Cluster is waited for, not re-created; a volume
 *       restore is resumed from its own journal only when that journal's snapshot id and trigger tag are the ones
 *       this run journalled — otherwise CONFLICT —, or re-planned on the pinned snapshot if it never started).</li>
 *   <li>After the app resumed, every switched location is re-read for {@link AppRestoreSettings#switchHold}: a
 *       location a controller put back (External Secrets, Flux) ends the run {@link RestoreOutcome.Failed} with
 *       {@link Reason#PARTIAL}, naming the location and the Git change to make.</li>
 *   <li>A volume restore that rolls back ends here in SWITCH_BACK (nothing was switched) and the outcome
 *       {@link RestoreOutcome.RolledBack}; a volume restore that fails after the switch ({@link RestoreOutcome
 *       .Failed}, e.g. the app not Ready) keeps the journal so {@code --abort} can still switch back.</li>
 *   <li>{@link #abort} switches every journalled host back (the original hosts are journalled), then aborts the
 *       volume restore if its journal exists and is this run's (rolling the claim back to the safety snapshot), and
 *       leaves the new Cluster for inspection — it never deletes a database.</li>
 * </ul>
 * Waits through the injected {@link Sleeper} and {@link Clock}. Not thread-safe: one run at a time per instance.
 */
public final class AppRestoreExecutor {
    static final String WORKFLOW = "restore-app";

    private final ClusterActions cluster;
    private final RestorePlanner volumes;
    private final RestoreExecutor volumeExecutor;
    private final DatabaseStage database;
    private final ConnectionSwitcher switcher;
    private final Clock clock;
    private final RandomGenerator random;
    private final AppRestoreSettings settings;
    private final ProgressListener progress;

    public AppRestoreExecutor(ClusterActions cluster, AppEnvironment environment, PostgresControl control,
                              RestorePlanner volumes, RestoreExecutor volumeExecutor, Clock clock, Sleeper sleeper,
                              RandomGenerator random, AppRestoreSettings settings, ProgressListener progress) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.volumes = Objects.requireNonNull(volumes, "volumes");
        this.volumeExecutor = Objects.requireNonNull(volumeExecutor, "volumeExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.database = new DatabaseStage(control, clock, sleeper, settings);
        this.switcher = new ConnectionSwitcher(environment, clock, sleeper, settings.switchHold());
    }

    /**
     * Starts a new whole-app restore.
     *
     * @throws RewindException CONFLICT when another run holds the Lease, a journal of an unfinished (whole-app or
     *                         volume) restore exists, or the new Cluster's name is taken — nothing is changed then
     */
    public AppRestoreResult execute(AppRestorePlan plan) {
        RestoreLock lock = lock(plan.namespace(), plan.app());
        return lock.acquireFor(() -> {
            for (String name : List.of(AppRestoreJournal.name(plan.app()), volumeJournal(plan.app()))) {
                Optional<Map<String, String>> existing = cluster.findConfigMap(plan.namespace(), name);
                if (existing.isPresent()) {
                    throw new RewindException(Reason.CONFLICT, "an unfinished restore of " + plan.namespace() + "/"
                            + plan.app() + " is journalled in ConfigMap " + name + " (phase "
                            + existing.get().getOrDefault("phase", "?") + ")", "complete it with --resume or --abort",
                            null);
                }
            }
            if (database.exists(plan.database().namespace(), plan.database().newName())) {
                throw new RewindException(Reason.CONFLICT, "CNPG Cluster " + plan.database().namespace() + "/"
                        + plan.database().newName() + " already exists", "pass --new-cluster-name", null);
            }
            return new Run(AppRestoreJournal.start(plan, clock.instant()), Optional.empty(), lock,
                    Optional.of(plan));
        }).go();
    }

    /** Whether an unfinished whole-app restore of {@code app} is journalled (then resume/abort go through here). */
    public boolean isJournalled(String app, String namespace) {
        return cluster.findConfigMap(namespace, AppRestoreJournal.name(app)).isPresent();
    }

    /**
     * Continues an interrupted whole-app restore from its journal.
     *
     * @throws RewindException NOT_FOUND without a journal; CONFLICT when a live run holds the Lease
     */
    public AppRestoreResult resume(String app, String namespace) {
        return open(app, namespace).go();
    }

    /** Switches the app back to its original database host, rolls the volume restore back, keeps the new Cluster. */
    public AppRestoreResult abort(String app, String namespace) {
        Run run = open(app, namespace);
        if (run.journal.phase().canMoveTo(AppRestorePhase.SWITCH_BACK)) {
            run.journal = run.journal.withFailure("aborted by the operator").withPhase(AppRestorePhase.SWITCH_BACK);
        }
        run.aborting = true;
        return run.go();
    }

    private Run open(String app, String namespace) {
        RestoreLock lock = lock(namespace, app);
        return lock.acquireFor(() -> {
            VersionedConfigMap stored = cluster.findVersionedConfigMap(namespace, AppRestoreJournal.name(app))
                    .orElseThrow(() -> new RewindException(Reason.NOT_FOUND, "no unfinished whole-app restore of "
                            + namespace + "/" + app + " (no ConfigMap " + AppRestoreJournal.name(app) + ")"));
            return new Run(AppRestoreJournal.fromData(stored.data()), Optional.of(stored.resourceVersion()), lock,
                    Optional.empty());
        });
    }

    private RestoreLock lock(String namespace, String app) {
        return RestoreLock.named(cluster, clock, random, settings.leaseDuration(), namespace,
                AppRestoreJournal.name(app), "whole-app restore of " + namespace + "/" + app);
    }

    /** The volume restore's journal ConfigMap (volsync.md §8.0). */
    private static String volumeJournal(String app) {
        return "rewind-restore-" + app;
    }

    /** One run over a journal. */
    private final class Run {
        private AppRestoreJournal journal;
        /** The journal ConfigMap's version this run last read or wrote; empty before it is created. */
        private Optional<String> journalVersion;
        private final RestoreLock lock;
        private final Optional<AppRestorePlan> plan;
        private final List<String> notes = new ArrayList<>();
        private Optional<RestoreResult> volume = Optional.empty();
        private Optional<RestoreOutcome> partial = Optional.empty();
        private Reason failureReason = Reason.INTERRUPTED;
        private boolean aborting;

        Run(AppRestoreJournal journal, Optional<String> journalVersion, RestoreLock lock,
            Optional<AppRestorePlan> plan) {
            this.journal = journal;
            this.journalVersion = journalVersion;
            this.lock = lock;
            this.plan = plan;
        }

        AppRestoreResult go() {
            RestoreOutcome outcome;
            try {
                save();
                outcome = loop();
            } catch (RewindException e) {
                outcome = new RestoreOutcome.Interrupted(e.reason(), e.getMessage());
                notes.add("the journal ConfigMap " + journal.namespace() + "/" + AppRestoreJournal.name(journal.app())
                        + " is kept: continue with --resume or undo with --abort");
            } catch (RuntimeException e) {
                outcome = new RestoreOutcome.Interrupted(Reason.INTERNAL, String.valueOf(e.getMessage()));
            } finally {
                lock.release();
            }
            progress.on(new ProgressEvent.Finished(WORKFLOW, journal.app(), Duration.between(journal.startedAt(),
                    clock.instant()), outcome.getClass().getSimpleName() + " in " + journal.phase()));
            return new AppRestoreResult(journal.app(), journal.namespace(), plan, outcome, journal.phase(), volume,
                    journal.databaseNamespace() + "/" + journal.newCluster(), notes, false);
        }

        private RestoreOutcome loop() {
            while (true) {
                progress.on(new ProgressEvent.PhaseStarted(WORKFLOW, journal.app(), journal.phase().name()));
                switch (journal.phase()) {
                    case PREFLIGHT, PLAN -> throw new RewindException(Reason.INTERNAL, journal.phase()
                            + " is run by the planner, not journalled");
                    case RECOVER_DATABASE -> {
                        database.recover(journal, lock::renewIfDue, this::note);
                        advance(AppRestorePhase.RESTORE_VOLUME);
                    }
                    case RESTORE_VOLUME, SWITCH_CONNECTION, RESUME_APP -> {
                        RestoreOutcome outcome = restoreVolume();
                        switch (outcome) {
                            case RestoreOutcome.Succeeded s -> {
                                checkSwitchHeld();
                                advance(AppRestorePhase.COMPLETE);
                            }
                            case RestoreOutcome.RolledBack r -> {
                                failureReason = r.reason();
                                journal = journal.withFailure("the volume restore rolled back: " + r.message());
                                advance(AppRestorePhase.SWITCH_BACK);
                            }
                            case RestoreOutcome.Failed f -> {
                                notes.add("the volume restore ended " + f.reason() + " after the switch; the journal"
                                        + " is kept: --abort switches the app back to " + journal.changes().stream()
                                        .map(HostChange::fromHost).distinct().toList() + ", --resume closes it");
                                save();
                                return f;
                            }
                            case RestoreOutcome.Interrupted i -> {
                                notes.add("the volume restore stopped in " + volume.map(v -> v.lastPhase().name())
                                        .orElse("?") + "; both journals are kept: continue with --resume or undo"
                                        + " with --abort");
                                return i;
                            }
                        }
                    }
                    case SWITCH_BACK -> {
                        switchBack();
                        advance(AppRestorePhase.COMPLETE);
                    }
                    case COMPLETE -> {
                        cluster.ensureDeleted("v1", "ConfigMap", journal.namespace(),
                                AppRestoreJournal.name(journal.app()));
                        return journal.failure().<RestoreOutcome>map(f -> new RestoreOutcome.RolledBack(failureReason,
                                f)).orElse(partial.orElse(new RestoreOutcome.Succeeded()));
                    }
                }
            }
        }

        private RestoreOutcome restoreVolume() {
            String app = journal.app();
            String ns = journal.namespace();
            RestoreExecutor nested = volumeExecutor.nested((a, n) -> switchConnection(), lock::renewIfDue);
            RestoreResult result;
            Optional<Map<String, String>> volumeJournal = cluster.findConfigMap(ns, volumeJournal(app));
            if (volumeJournal.isPresent()) {
                journal.foreignVolumeJournal(volumeJournal.get()).ifPresent(why -> {
                    throw new RewindException(Reason.CONFLICT, "the volume restore journalled in ConfigMap " + ns
                            + "/" + volumeJournal(app) + " is not this whole-app restore's: " + why, "--abort this"
                            + " whole-app restore (it leaves that volume restore alone), then complete the volume"
                            + " restore with rewind restore --resume or --abort", null);
                });
                result = nested.resume(app, ns);
            } else if (journal.phase() == AppRestorePhase.RESTORE_VOLUME) {
                RestorePlan volumePlan = plan.map(AppRestorePlan::volume).orElseGet(() -> volumes.planForWholeApp(
                        new RestoreRequest(app, Optional.of(ns), new SnapshotSelector.ById(journal.snapshotId()),
                                journal.mode(), false, journal.noSafetySnapshot(), journal.allowEmpty(),
                                journal.timeoutSeconds() > 0 ? Optional.of(Duration.ofSeconds(journal.timeoutSeconds()))
                                        : Optional.empty())));
                journal = journal.withVolumeTag(volumePlan.manualTag());
                save();
                result = nested.execute(volumePlan);
            } else {
                // the volume restore finished after the switch; only the switch is left to ensure
                switchConnection();
                return new RestoreOutcome.Succeeded();
            }
            volume = Optional.of(result);
            return result.outcome();
        }

        /** SWITCH_CONNECTION, run by the volume restore at the start of its RESUME (the app is at 0 replicas). */
        private void switchConnection() {
            if (journal.phase() == AppRestorePhase.RESTORE_VOLUME) {
                advance(AppRestorePhase.SWITCH_CONNECTION);
            }
            if (journal.switchMode() == SwitchMode.SECRET) {
                journal = journal.withSwitched(true);
                save();
                for (HostChange change : journal.changes()) {
                    switcher.apply(change);
                    note("switched " + change);
                }
            } else {
                note("--switch none: the app's configuration is left as it is; commit the Git change");
            }
            if (journal.phase() == AppRestorePhase.SWITCH_CONNECTION) {
                advance(AppRestorePhase.RESUME_APP);
            }
        }

        /** After RESUME (and the reconcile it requested): a switched location a controller put back → PARTIAL. */
        private void checkSwitchHeld() {
            if (!journal.switched()) {
                return;
            }
            List<HostChange> reverted = switcher.reverted(journal.changes(), lock::renewIfDue);
            if (reverted.isEmpty()) {
                note("every switched location still names the new host after " + settings.switchHold().timeout());
                return;
            }
            partial = Optional.of(new RestoreOutcome.Failed(Reason.PARTIAL, "the connection switch did not hold: "
                    + reverted.stream().map(c -> c.location() + " is back to " + c.fromHost()).toList()
                    + " (put back by the controller that owns it); the app uses the old database"));
            reverted.forEach(c -> notes.add("reverted: " + c.location() + " names " + c.fromHost() + " again, not "
                    + c.toHost()));
            journal.gitChange().forEach(line -> notes.add("make this Git change, then restart the app: " + line));
        }

        private void switchBack() {
            boolean wasSwitched = journal.switched();
            if (wasSwitched) {
                for (HostChange change : journal.changes()) {
                    switcher.reverse(change).ifPresentOrElse(problem -> notes.add("not switched back: " + problem),
                            () -> note("switched back " + change.location() + " to " + change.fromHost()));
                }
                journal = journal.withSwitched(false);
                save();
            }
            Optional<Map<String, String>> volumeJournal = cluster.findConfigMap(journal.namespace(),
                    volumeJournal(journal.app()));
            Optional<String> foreign = volumeJournal.flatMap(journal::foreignVolumeJournal);
            if (aborting && volumeJournal.isPresent() && foreign.isPresent()) {
                notes.add("the volume restore journalled in ConfigMap " + journal.namespace() + "/"
                        + volumeJournal(journal.app()) + " is left alone (" + foreign.get() + "): complete it with"
                        + " rewind restore --resume or --abort");
            } else if (aborting && volumeJournal.isPresent()) {
                volume = Optional.of(volumeExecutor.abort(journal.app(), journal.namespace()));
                note("volume restore aborted: " + volume.get().outcome().getClass().getSimpleName());
            } else if (aborting && wasSwitched) {
                notes.add("the app was already running: restart its pods so they read the original host again");
            }
            notes.add("CNPG Cluster " + journal.databaseNamespace() + "/" + journal.newCluster() + " is left for"
                    + " inspection; delete it when no longer needed: kubectl delete clusters.postgresql.cnpg.io -n "
                    + journal.databaseNamespace() + " " + journal.newCluster());
        }

        private void advance(AppRestorePhase to) {
            if (!journal.phase().canMoveTo(to)) {
                throw new RewindException(Reason.INTERNAL, "illegal whole-app restore transition " + journal.phase()
                        + " → " + to);
            }
            journal = journal.withPhase(to);
            lock.renewIfDue();
            save();
        }

        /** Writes the journal conditionally on the version this run saw: CONFLICT when another run wrote it since. */
        private void save() {
            journalVersion = Optional.of(cluster.writeConfigMap(journal.namespace(),
                    AppRestoreJournal.name(journal.app()), Map.of("app.kubernetes.io/managed-by", "rewind",
                            "rewind.dev/restore", journal.app()), journal.toData(), journalVersion));
        }

        private void note(String message) {
            progress.on(new ProgressEvent.Noted(WORKFLOW, journal.app(), ProgressEvent.Level.INFO,
                    journal.phase() + ": " + message));
        }
    }
}
