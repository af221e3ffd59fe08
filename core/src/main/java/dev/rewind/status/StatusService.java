package dev.rewind.status;

import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.CachingClusterReader;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.DiscoveredApp;
import dev.rewind.backup.RepositoryOpener;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.RecoveryWindow;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.volsync.CronSchedule;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.MoverStatus;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The workflow behind {@code rewind status}.
 *
 * <p>Cluster reads: one LIST per kind for the scope, shared by app discovery and this service through a
 * {@link CachingClusterReader} (ReplicationSources, ReplicationDestinations, PVCs, Deployments, StatefulSets,
 * Flux Kustomizations/HelmReleases when objects carry Flux labels, CNPG Clusters, and ObjectStores when a cluster
 * uses the Barman Cloud plugin), plus one GET per app for its repository Secret.
 *
 * <p>Repository reads: apps whose Secrets name the same repository share one read. Reads run on a pool of
 * {@link StatusPolicy#repositoryParallelism()} threads and the pass waits at most
 * {@link StatusPolicy#repositoryTimeout()} for them; a repository that cannot be read (unreachable, wrong password,
 * a {@code filesystem://} path that exists only in the mover pod, timeout) makes its apps
 * {@link SnapshotEvidence.StatusOnly} with the reason — it never fails the report.
 *
 * <p>Staleness: with a schedule, a backup older than {@link StatusPolicy#staleAfterIntervals()} times the longest
 * gap between two fires ({@link CronSchedule#maxInterval()}) is {@link AppFlag#STALE}.
 *
 * <p>Failures: the reader's UNAVAILABLE / NOT_FOUND (API server, RBAC, Volsync not installed). Thread-safe.
 */
public final class StatusService {
    private final ClusterReader reader;
    private final RepositoryOpener repositories;
    private final Clock clock;
    private final StatusPolicy policy;

    public StatusService(ClusterReader reader, RepositoryOpener repositories, Clock clock, StatusPolicy policy) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** One status pass over {@code scope}. */
    public StatusReport report(NamespaceScope scope) {
        Instant now = clock.instant();
        CachingClusterReader pass = new CachingClusterReader(reader);
        List<DiscoveredApp> discovered = new AppDiscovery(pass).findAll(scope);
        Map<String, ReplicationSource> sources = new HashMap<>();
        pass.listReplicationSources(scope).forEach(rs -> sources.put(key(rs.namespace(), rs.name()), rs));
        List<ReplicationDestination> destinations = discovered.isEmpty() ? List.of()
                : pass.listReplicationDestinations(scope);

        List<App> resolved = discovered.stream()
                .flatMap(d -> d instanceof DiscoveredApp.Resolved r ? Stream.of(r.app())
                        : Stream.empty())
                .toList();
        Map<String, RepositoryRead> reads = readRepositories(resolved);

        List<AppStatus> apps = new ArrayList<>();
        for (DiscoveredApp d : discovered) {
            ReplicationSource rs = sources.get(key(d.namespace(), d.name()));
            apps.add(switch (d) {
                case DiscoveredApp.Resolved r -> appStatus(Optional.of(r.app()), rs, r.app().destinations(),
                        reads.get(key(d.namespace(), d.name())), Optional.empty(), now);
                case DiscoveredApp.Unresolved u -> appStatus(Optional.empty(), rs, destinations.stream()
                                .filter(rd -> rd.namespace().equals(u.namespace()) && rd.name().equals(u.name() + "-dst"))
                                .toList(), new RepositoryRead.Failed("app not resolved: " + u.problem().getMessage()),
                        Optional.of(u.problem().getMessage()), now);
            });
        }
        return new StatusReport(now, apps, postgres(pass, scope));
    }

    // ---- apps

    private AppStatus appStatus(Optional<App> app, ReplicationSource rs, List<ReplicationDestination> destinations,
                                RepositoryRead read, Optional<String> unresolved, Instant now) {
        Set<AppFlag> flags = EnumSet.noneOf(AppFlag.class);
        List<String> problems = new ArrayList<>();
        unresolved.ifPresent(p -> {
            flags.add(AppFlag.UNRESOLVED);
            problems.add(p);
        });
        SnapshotEvidence evidence = switch (read) {
            case RepositoryRead.Catalog c -> repositoryEvidence(c.catalog(), app.orElseThrow().identity());
            case RepositoryRead.Failed f -> {
                if (unresolved.isEmpty()) {
                    flags.add(AppFlag.REPOSITORY_UNREACHABLE);
                    problems.add("repository not read: " + f.reason());
                }
                yield new SnapshotEvidence.StatusOnly(rs.status().lastSyncAt(), f.reason());
            }
        };
        Optional<Duration> age = evidence.newestAt().map(at -> Duration.between(at, now));
        if (evidence.newestAt().isEmpty()) {
            flags.add(AppFlag.NO_BACKUP);
        }
        Optional<String> schedule = rs.trigger().schedule();
        Optional<Duration> interval = Optional.empty();
        if (schedule.isPresent()) {
            try {
                interval = Optional.of(CronSchedule.parse(schedule.get()).maxInterval());
            } catch (RewindException e) {
                flags.add(AppFlag.INVALID_SCHEDULE);
                problems.add(e.getMessage());
            }
        }
        if (interval.isPresent() && age.isPresent()
                && age.get().compareTo(interval.get().multipliedBy(policy.staleAfterIntervals())) > 0) {
            flags.add(AppFlag.STALE);
        }
        Optional<MoverResult> mover = rs.status().latestMoverStatus().map(MoverStatus::result);
        if (mover.filter(r -> r == MoverResult.FAILED).isPresent()) {
            flags.add(AppFlag.MOVER_FAILED);
        }
        if (rs.paused()) {
            flags.add(AppFlag.PAUSED);
        }
        if (rs.trigger().manual().isPresent()) {
            flags.add(AppFlag.LEFTOVER_MANUAL_TRIGGER);
        }
        List<RestoreSelector> selectors = destinations.stream()
                .filter(rd -> rd.kopia().restoreAsOf().isPresent() || rd.kopia().previous().isPresent())
                .map(rd -> new RestoreSelector(rd.name(), rd.kopia().restoreAsOf(), rd.kopia().previous()))
                .toList();
        if (!selectors.isEmpty()) {
            flags.add(AppFlag.LEFTOVER_RESTORE_SELECTOR);
        }
        List<String> suspended = new ArrayList<>();
        app.ifPresent(a -> {
            a.kustomizations().stream().filter(k -> k.suspended())
                    .forEach(k -> suspended.add("Kustomization " + k.namespace() + "/" + k.name()));
            a.helmReleases().stream().filter(h -> h.suspended())
                    .forEach(h -> suspended.add("HelmRelease " + h.namespace() + "/" + h.name()));
        });
        if (!suspended.isEmpty()) {
            flags.add(AppFlag.FLUX_SUSPENDED);
        }
        return new AppStatus(rs.name(), rs.namespace(), schedule, interval, evidence, age, mover,
                rs.trigger().manual(), selectors, suspended, flags, problems);
    }

    private static SnapshotEvidence repositoryEvidence(SnapshotCatalog catalog, KopiaIdentity identity) {
        List<SnapshotManifest> snapshots = catalog.snapshots(
                new SourceInfo(identity.username(), identity.hostname(), identity.path()));
        Optional<SnapshotSummary> newest = snapshots.stream()
                .filter(SnapshotManifest::isComplete)
                .max(Comparator.comparing(SnapshotManifest::startAt))
                .map(s -> new SnapshotSummary(s.id().toString(), s.startAt(), s.endAt(), s.stats().totalSizeBytes()));
        return new SnapshotEvidence.Repository(newest, snapshots.size());
    }

    /** The outcome of reading one repository. */
    private sealed interface RepositoryRead {
        record Catalog(SnapshotCatalog catalog) implements RepositoryRead { }

        record Failed(String reason) implements RepositoryRead { }
    }

    /** Reads each distinct repository once, in parallel; returns the read by app key. */
    private Map<String, RepositoryRead> readRepositories(List<App> apps) {
        Map<RepositoryKey, List<App>> byRepository = new LinkedHashMap<>();
        for (App app : apps) {
            byRepository.computeIfAbsent(new RepositoryKey(app.repositoryUrl(), app.repository().data()),
                    k -> new ArrayList<>()).add(app);
        }
        Map<String, RepositoryRead> reads = new HashMap<>();
        if (byRepository.isEmpty()) {
            return reads;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(policy.repositoryParallelism(),
                byRepository.size()), runnable -> {
                    Thread thread = new Thread(runnable, "rewind-status-repository");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Map<RepositoryKey, Future<SnapshotCatalog>> futures = new LinkedHashMap<>();
            byRepository.forEach((key, group) -> futures.put(key,
                    pool.submit(() -> repositories.open(group.getFirst()).catalog())));
            Instant deadline = clock.instant().plus(policy.repositoryTimeout());
            for (var entry : futures.entrySet()) {
                RepositoryRead read = await(entry.getValue(), deadline);
                byRepository.get(entry.getKey()).forEach(app -> reads.put(key(app.namespace(), app.name()), read));
            }
            return reads;
        } finally {
            pool.shutdownNow();
        }
    }

    private RepositoryRead await(Future<SnapshotCatalog> future, Instant deadline) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        try {
            return new RepositoryRead.Catalog(future.get(Math.max(0, remaining.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new RepositoryRead.Failed("timed out after " + policy.repositoryTimeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new RepositoryRead.Failed(cause instanceof RewindException re ? re.getMessage()
                    : "unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new RepositoryRead.Failed("interrupted");
        }
    }

    /** Apps whose Secrets hold the same location and credentials share one repository read. */
    private record RepositoryKey(String url, Map<String, String> data) {
    }

    // ---- CNPG

    private static List<PostgresStatus> postgres(ClusterReader pass, NamespaceScope scope) {
        List<Cluster> clusters = unlessNotInstalled(() -> pass.listPostgresClusters(scope));
        boolean plugins = clusters.stream().anyMatch(c -> c.objectStoreName().isPresent());
        List<ObjectStore> stores = plugins ? unlessNotInstalled(() -> pass.listObjectStores(scope)) : List.of();
        return clusters.stream()
                .sorted(Comparator.comparing(Cluster::namespace).thenComparing(Cluster::name))
                .map(c -> {
                    Optional<RecoveryWindow> window = c.objectStoreName().flatMap(name -> stores.stream()
                                    .filter(s -> s.namespace().equals(c.namespace()) && s.name().equals(name))
                                    .findFirst())
                            .flatMap(s -> Optional.ofNullable(s.recoveryWindows().get(c.serverName())));
                    return new PostgresStatus(c.name(), c.namespace(), c.objectStoreName(),
                            c.status().lastSuccessfulBackupAt()
                                    .or(() -> window.flatMap(RecoveryWindow::lastSuccessfulBackupAt)),
                            c.status().firstRecoverabilityPointAt()
                                    .or(() -> window.flatMap(RecoveryWindow::firstRecoverabilityPointAt)),
                            c.status().continuousArchiving());
                })
                .toList();
    }

    /** An empty list when the CRD is not installed (a cluster without CNPG or the Barman Cloud plugin). */
    private static <T> List<T> unlessNotInstalled(Supplier<List<T>> list) {
        try {
            return list.get();
        } catch (RewindException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
