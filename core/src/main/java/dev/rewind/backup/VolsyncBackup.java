package dev.rewind.backup;

import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.DiscoveredApp;
import dev.rewind.app.ClusterWriter;
import dev.rewind.app.MoverLogs;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SnapshotId;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.MoverJobName;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.MoverStatus;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a Volsync backup now and proves it: the workflow behind {@code rewind backup}.
 *
 * <ol>
 *   <li>Refuses a paused ReplicationSource (a paused Kopia source reports success without moving data,
 *       volsync.md §2.6) and one whose sync is running or a manual sync is pending (its completion would copy
 *       the new tag into {@code lastManualSync} for a run that started earlier) — CONFLICT.</li>
 *   <li>Lists the app's snapshots in the repository (UNAVAILABLE before anything is changed when the repository
 *       cannot be read: a backup that cannot be confirmed is not started).</li>
 *   <li>Sets {@code spec.trigger.manual} to a unique tag {@code rewind-<yyyyMMdd-HHmmss>-<6 random>} (the schedule
 *       stays in the object but is inactive while a manual tag is set).</li>
 *   <li>Polls the RS until {@code status.lastManualSync} equals the tag (§2.6); optionally reads the mover pod's
 *       {@code kopia} log (§4.5) and reports new lines. A failed mover is reported and waited through: Volsync
 *       re-creates it forever (§4.4), so only the timeout ends the wait (TIMEOUT, naming the mover's last
 *       error).</li>
 *   <li>Always — on success, failure, timeout or interruption — puts {@code spec.trigger} back exactly as it was
 *       (a manual tag left behind disables the schedule, §6.2). If that fails the exception says so. Note: an RS
 *       that was "frozen" on a manual tag {@code X} (= {@code lastManualSync}) gets {@code X} back while
 *       {@code lastManualSync} is now rewind's tag, so Volsync runs one more sync to reach {@code X} again; the
 *       end state is the original one.</li>
 *   <li>Checks {@code latestMoverStatus.result} (Failed → PARTIAL with the log excerpt) and then the repository:
 *       a complete snapshot of the app's Kopia source that did not exist before and started no earlier than the
 *       trigger time (minus {@link BackupOptions#clockSkew()}); none → PARTIAL ("succeeded" without a
 *       snapshot).</li>
 * </ol>
 * Every failure is one {@link RewindException}; when it is thrown the trigger has been put back.
 *
 * <p>Thread-safe if its ports, waiter and the listener are; {@link #runAll} runs several apps at once.
 */
public final class VolsyncBackup {
    private static final DateTimeFormatter TAG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** The container of the Kopia mover (volsync.md §4.5). */
    public static final String MOVER_CONTAINER = "kopia";
    /** Default number of apps {@link #runAll} backs up at once. */
    public static final int DEFAULT_CONCURRENCY = 2;

    private final ClusterWriter cluster;
    private final MoverLogs moverLogs;
    private final RepositoryOpener repositories;
    private final Clock clock;
    private final RandomGenerator random;
    private final Waiter waiter;

    public VolsyncBackup(ClusterWriter cluster, MoverLogs moverLogs, RepositoryOpener repositories, Clock clock,
                         RandomGenerator random, Waiter waiter) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.moverLogs = Objects.requireNonNull(moverLogs, "moverLogs");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    /**
     * Backs up one app and confirms the new snapshot.
     *
     * @throws RewindException CONFLICT (paused, sync running or pending), UNAVAILABLE (API server, RBAC, repository),
     *                         TIMEOUT, PARTIAL (mover failed, or no new snapshot), INTERRUPTED
     */
    public BackupResult run(App app, BackupOptions options, Consumer<? super BackupEvent> listener) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        String ns = app.namespace();
        String name = app.name();
        String label = ns + "/" + name;
        ReplicationSource before = cluster.getReplicationSource(ns, name);
        refuseIfBusy(before, label);
        SourceInfo source = sourceOf(app.identity());
        Set<SnapshotId> existing = snapshots(app, source, "before triggering").stream()
                .map(SnapshotManifest::id).collect(Collectors.toSet());

        Trigger original = before.trigger();
        String tag = newTag();
        Instant triggeredAt = clock.instant();
        cluster.setReplicationSourceTrigger(ns, name, new Trigger(original.schedule(), Optional.of(tag)));
        listener.accept(new BackupEvent.Triggered(label, tag, original, triggeredAt));
        ReplicationSource completed;
        try {
            completed = awaitSync(before, tag, triggeredAt, options, listener);
        } catch (RuntimeException e) {
            restoreTrigger(ns, name, original, listener, e);
            throw e;
        }
        restoreTrigger(ns, name, original, listener, null);

        Instant completedAt = clock.instant();
        listener.accept(new BackupEvent.SyncCompleted(label, tag, completedAt));
        Optional<MoverStatus> mover = completed.status().latestMoverStatus();
        if (mover.isPresent() && mover.get().result() == MoverResult.FAILED) {
            throw new RewindException(Reason.PARTIAL, "ReplicationSource " + label + " completed manual sync " + tag
                    + " but latestMoverStatus is Failed: " + excerpt(mover.get().logs()), null, null);
        }
        SnapshotManifest snapshot = confirm(app, source, existing, triggeredAt, options, label, tag);
        listener.accept(new BackupEvent.SnapshotConfirmed(label, snapshot.id().toString(), snapshot.startAt()));
        return new BackupResult(name, ns, tag, triggeredAt, completedAt, snapshot.id().toString(),
                source.toString(), snapshot.startAt(), snapshot.endAt(), snapshot.stats().totalSizeBytes());
    }

    /**
     * Backs up several apps, at most {@code concurrency} at once, each as {@link #run}. One app's failure does not
     * stop the others. The listener is called from several threads.
     *
     * @return one outcome per app, in the order given
     */
    public List<BackupOutcome> runAll(List<App> apps, BackupOptions options, int concurrency,
                                      Consumer<? super BackupEvent> listener) {
        if (concurrency < 1) {
            throw new RewindException(Reason.INVALID_INPUT, "concurrency must be at least 1, got " + concurrency);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, apps.size())));
        try {
            List<Future<BackupOutcome>> futures = new ArrayList<>();
            for (App app : apps) {
                futures.add(pool.submit(() -> {
                    try {
                        return new BackupOutcome.Succeeded(run(app, options, listener));
                    } catch (RewindException e) {
                        return new BackupOutcome.Failed(app.name(), app.namespace(), e);
                    }
                }));
            }
            List<BackupOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                App app = apps.get(i);
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    outcomes.add(new BackupOutcome.Failed(app.name(), app.namespace(), new RewindException(
                            Reason.INTERNAL, "backup of " + app.namespace() + "/" + app.name() + " failed: "
                            + e.getCause(), e.getCause())));
                }
            }
            return List.copyOf(outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewindException(Reason.INTERRUPTED, "interrupted while backing up " + apps.size() + " apps", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Resolves the selection through {@code discovery} and backs the apps up ({@link #runAll}). An app of an
     * {@link BackupSelection.All} selection that cannot be resolved (e.g. its Secret is missing) is a failed outcome.
     *
     * @throws RewindException for {@link BackupSelection.One}: NOT_FOUND / INVALID_INPUT from discovery; for both:
     *                         the reader's UNAVAILABLE
     */
    public List<BackupOutcome> run(AppDiscovery discovery, BackupSelection selection, BackupOptions options,
                                   int concurrency, Consumer<? super BackupEvent> listener) {
        return switch (selection) {
            case BackupSelection.One one -> runAll(List.of(discovery.get(one.name(), one.namespace())), options,
                    concurrency, listener);
            case BackupSelection.All all -> {
                List<DiscoveredApp> apps = discovery.findAll(all.scope());
                List<App> resolved = apps.stream().flatMap(a -> a instanceof DiscoveredApp.Resolved r
                        ? Stream.of(r.app()) : Stream.empty()).toList();
                Map<String, BackupOutcome> byApp = new HashMap<>();
                runAll(resolved, options, concurrency, listener)
                        .forEach(o -> byApp.put(o.namespace() + "/" + o.name(), o));
                yield apps.stream().map(a -> switch (a) {
                    case DiscoveredApp.Resolved r -> byApp.get(a.namespace() + "/" + a.name());
                    case DiscoveredApp.Unresolved u -> (BackupOutcome) new BackupOutcome.Failed(u.name(),
                            u.namespace(), u.problem());
                }).toList();
            }
        };
    }

    private static void refuseIfBusy(ReplicationSource rs, String label) {
        if (rs.paused()) {
            throw new RewindException(Reason.CONFLICT, "ReplicationSource " + label + " is paused (spec.paused: true):"
                    + " a paused Kopia source reports success without taking a snapshot",
                    "unpause it first: kubectl -n " + rs.namespace() + " patch replicationsource " + rs.name()
                            + " --type merge -p '{\"spec\":{\"paused\":false}}'", null);
        }
        if (rs.status().syncInProgress()) {
            throw new RewindException(Reason.CONFLICT, "ReplicationSource " + label + " is already synchronizing"
                    + rs.status().lastSyncStartAt().map(at -> " (started " + at + ")").orElse(""),
                    "wait for the running sync to finish, then retry", null);
        }
        Optional<String> manual = rs.trigger().manual();
        if (manual.isPresent() && !manual.equals(rs.status().lastManualSync())) {
            throw new RewindException(Reason.CONFLICT, "ReplicationSource " + label + " has a pending manual sync '"
                    + manual.get() + "' (status.lastManualSync is "
                    + rs.status().lastManualSync().map(s -> "'" + s + "'").orElse("empty") + ")",
                    "wait for it to complete (or remove spec.trigger.manual), then retry", null);
        }
    }

    private ReplicationSource awaitSync(ReplicationSource before, String tag, Instant triggeredAt,
                                        BackupOptions options, Consumer<? super BackupEvent> listener) {
        String ns = before.namespace();
        String label = ns + "/" + before.name();
        String job = MoverJobName.forSource(before.name());
        Instant deadline = triggeredAt.plus(options.timeout());
        Optional<MoverStatus> lastMover = before.status().latestMoverStatus();
        Optional<MoverStatus> lastFailure = Optional.empty();
        Map<String, Integer> linesSeen = new HashMap<>();
        while (true) {
            ReplicationSource rs = cluster.getReplicationSource(ns, before.name());
            if (options.followLogs()) {
                follow(ns, job, label, linesSeen, listener);
            }
            Optional<MoverStatus> mover = rs.status().latestMoverStatus();
            if (!mover.equals(lastMover)) {
                lastMover = mover;
                if (mover.isPresent() && mover.get().result() == MoverResult.FAILED) {
                    lastFailure = mover;
                    listener.accept(new BackupEvent.MoverFailed(label, excerpt(mover.get().logs())));
                }
            }
            if (rs.status().lastManualSync().filter(tag::equals).isPresent()) {
                return rs;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new RewindException(Reason.TIMEOUT, "timed out after " + options.timeout()
                        + " waiting for ReplicationSource " + label + " to complete manual sync " + tag
                        + lastFailure.map(f -> "; the mover failed: " + excerpt(f.logs()))
                                .orElse(rs.status().syncInProgress() ? "; the sync is still running" : ""),
                        lastFailure.isPresent()
                                ? "Volsync retries a failed mover forever; check the repository Secret and the mover"
                                + " log (kubectl -n " + ns + " logs -l job-name=" + job + " -c kopia)"
                                : "the sync continues in the cluster; raise --timeout for large volumes", null);
            }
            try {
                waiter.pause(options.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException(Reason.INTERRUPTED, "interrupted while waiting for ReplicationSource "
                        + label + " to complete manual sync " + tag, e);
            }
        }
    }

    private void follow(String ns, String job, String label, Map<String, Integer> linesSeen,
                        Consumer<? super BackupEvent> listener) {
        for (String pod : moverLogs.findPods(ns, job)) {
            List<String> lines = moverLogs.readLog(ns, pod, MOVER_CONTAINER).lines().toList();
            int seen = linesSeen.getOrDefault(pod, 0);
            for (int i = seen; i < lines.size(); i++) {
                listener.accept(new BackupEvent.MoverLog(label, pod, lines.get(i)));
            }
            linesSeen.put(pod, Math.max(seen, lines.size()));
        }
    }

    private void restoreTrigger(String ns, String name, Trigger original, Consumer<? super BackupEvent> listener,
                                RuntimeException pending) {
        try {
            cluster.setReplicationSourceTrigger(ns, name, original);
        } catch (RewindException e) {
            RewindException failure = new RewindException(e.reason(), "could not put back spec.trigger of"
                    + " ReplicationSource " + ns + "/" + name + " (" + e.getMessage() + "); a manual trigger left"
                    + " set disables its schedule", "set it back by hand to " + describe(original), e);
            if (pending != null) {
                failure.addSuppressed(pending);
            }
            throw failure;
        }
        listener.accept(new BackupEvent.TriggerRestored(ns + "/" + name, original));
    }

    private List<SnapshotManifest> snapshots(App app, SourceInfo source, String when) {
        KopiaRepository repository;
        try {
            repository = repositories.open(app);
        } catch (RewindException e) {
            throw new RewindException(e.reason() == Reason.NOT_FOUND ? Reason.UNAVAILABLE : e.reason(),
                    "cannot read the repository of " + app.namespace() + "/" + app.name() + " " + when + ": "
                            + e.getMessage(), e.hint().orElse("rewind confirms every backup in the repository;"
                    + " it must be reachable from where rewind runs"), e);
        }
        return repository.catalog().snapshots(source);
    }

    private SnapshotManifest confirm(App app, SourceInfo source, Set<SnapshotId> existing, Instant triggeredAt,
                                     BackupOptions options, String label, String tag) {
        List<SnapshotManifest> after = snapshots(app, source, "after the backup");
        Instant earliest = triggeredAt.minus(options.clockSkew());
        Optional<SnapshotManifest> fresh = after.stream()
                .filter(s -> !existing.contains(s.id()))
                .filter(SnapshotManifest::isComplete)
                .filter(s -> !s.startAt().isBefore(earliest))
                .max(Comparator.comparing(SnapshotManifest::startAt));
        if (fresh.isPresent()) {
            return fresh.get();
        }
        String newest = after.stream().max(Comparator.comparing(SnapshotManifest::startAt))
                .map(s -> "newest is " + s.id() + " started " + s.startAt()).orElse("it has none");
        throw new RewindException(Reason.PARTIAL, "ReplicationSource " + label + " reported manual sync " + tag
                + " successful but the repository has no new snapshot of " + source + " since " + triggeredAt
                + " (" + newest + ")", "check that the mover writes under " + source + " (volsync.md §2.1) and"
                + " that the source was not paused", null);
    }

    private static SourceInfo sourceOf(KopiaIdentity identity) {
        return new SourceInfo(identity.username(), identity.hostname(), identity.path());
    }

    private String newTag() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(TAG_ALPHABET.charAt(random.nextInt(TAG_ALPHABET.length())));
        }
        return "rewind-" + TAG_TIME.format(clock.instant()) + "-" + suffix;
    }

    /** The last few non-blank lines of a mover log, on one line. */
    static String excerpt(String logs) {
        List<String> lines = logs.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
        return tail.isEmpty() ? "(no log)" : String.join(" | ", tail);
    }

    private static String describe(Trigger trigger) {
        return trigger.schedule().map(s -> "schedule '" + s + "'").orElse("no schedule")
                + trigger.manual().map(m -> ", manual '" + m + "'").orElse(", no manual tag");
    }
}
