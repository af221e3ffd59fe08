package dev.rewind.server;

import com.sun.net.httpserver.HttpServer;
import dev.rewind.app.AppDiscovery;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSweep;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.storage.Sleeper;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import dev.rewind.backup.BackupOptions;
import dev.rewind.backup.VolsyncBackup;
import dev.rewind.backup.VolsyncRepositoryOpener;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.StorageMeter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@code rewind-server}: the Quartz {@link CheckScheduler} running the configured checks, and an HTTP
 * listener on the JDK's built-in HTTP server (one virtual thread per exchange) serving the probes
 * ({@link ProbeHandler}), {@code /metrics} ({@link MetricsExposition}), {@code /api/v1/} ({@link ApiHandler}) and the
 * status page at {@code /} ({@link StatusPage}). Nothing served reads storage: every response comes from memory.
 *
 * <p>With a {@code cluster:} section ({@link ClusterDiscovery}) the targets also include what {@link ClusterTargets}
 * discovers through the API server (a Quartz job every {@code discoveryInterval}, the first right at start), and
 * backup triggers run {@link VolsyncBackup} when configured. Nothing served waits for the API server.
 *
 * <p>Lifecycle ({@link Lifecycle}): {@link #start()} binds the listener and becomes {@code READY}; {@link #close()}
 * turns {@code /readyz} to 503, stops accepting connections, waits at most the drain grace for exchanges in flight,
 * and is idempotent. Thread-safe.
 */
public final class RewindServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RewindServer.class);
    /** Runs kept for {@code /api/v1/runs/{id}}: 200 apps × 3 checks × a few runs. */
    static final int RUN_HISTORY = 2000;
    static final String VERSION = Optional.ofNullable(RewindServer.class.getPackage().getImplementationVersion())
            .orElse("dev");

    private final ServerConfig config;
    private final Duration drainGrace;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, String> environment;
    private final Optional<ClusterAccess> clusterOverride;
    private volatile Optional<ClusterAccess> cluster = Optional.empty();
    private volatile Verifications verifications;
    private volatile Optional<ClusterTargets> clusterTargets = Optional.empty();
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private volatile HttpServer http;
    private volatile ExecutorService exchanges;
    private volatile Optional<KubernetesConnection> kubernetes = Optional.empty();

    /**
     * @param drainGrace  how long {@link #close()} waits for exchanges in flight; rounded up to whole seconds
     * @param environment where storage credentials come from ({@code AWS_ACCESS_KEY_ID}, …)
     */
    public RewindServer(ServerConfig config, Duration drainGrace, Clock clock, RandomGenerator random,
                        Map<String, String> environment) {
        this(config, drainGrace, clock, random, environment, Optional.empty());
    }

    /**
     * @param cluster the API server connection to use when the configuration has a {@code cluster:} section
     *                (tests: the mock API server); empty: connect as {@link ClusterAccess#connect} does
     */
    RewindServer(ServerConfig config, Duration drainGrace, Clock clock, RandomGenerator random,
                 Map<String, String> environment, Optional<ClusterAccess> cluster) {
        this.clusterOverride = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.environment = Map.copyOf(environment);
        this.config = Objects.requireNonNull(config, "config");
        this.drainGrace = Objects.requireNonNull(drainGrace, "drainGrace");
        if (drainGrace.isNegative()) {
            throw new IllegalArgumentException("drainGrace must not be negative: " + drainGrace);
        }
    }

    /**
     * Binds {@code http.bindAddress:http.port} and starts serving.
     *
     * @throws RewindException {@link Reason#UNAVAILABLE} when the address cannot be bound (e.g. port in use)
     * @throws IllegalStateException when already started or closed
     */
    public RewindServer start() {
        moveTo(Lifecycle.STARTING);
        ServerConfig.Http listen = config.http();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(listen.bindAddress(), listen.port()), 0);
            exchanges = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(exchanges);
            Verifications checks = verifications();
            ProbeHandler probes = new ProbeHandler(lifecycle::get, () -> checks.discovery().map(d -> {
                java.util.List<String> lines = new java.util.ArrayList<>();
                lines.add(d.describe());
                d.problems().stream().limit(20).forEach(p -> lines.add("skipped: " + p));
                return lines;
            }).orElseGet(java.util.List::of));
            server.createContext(ProbeHandler.LIVEZ, probes);
            server.createContext(ProbeHandler.READYZ, probes);
            server.createContext("/metrics", new MetricsHandler(checks));
            server.createContext(ApiHandler.PREFIX, new ApiHandler(checks));
            server.createContext("/", new StatusPage(checks));
            server.start();
            http = server;
            checks.scheduler().start();
        } catch (IOException e) {
            if (verifications != null) {
                verifications.scheduler().close();
            }
            cluster.ifPresent(ClusterAccess::close);
            moveTo(Lifecycle.STOPPING);
            moveTo(Lifecycle.STOPPED);
            throw new RewindException(Reason.UNAVAILABLE, "cannot listen on " + listen.bindAddress() + ":"
                    + listen.port() + " (http.bindAddress, http.port): " + e.getMessage(),
                    "choose another port with http.port or REWIND_HTTP_PORT", e);
        }
        moveTo(Lifecycle.READY);
        LOG.info("rewind-server listening on http://{}:{} (/, /metrics, /api/v1/status, /livez, /readyz); {} "
                + "scheduled checks", listen.bindAddress(), port(), verifications.targets().scheduled().size());
        return this;
    }

    /** The targets, runs, schedule and storage counters; created on first use (at the latest by {@link #start()}). */
    public synchronized Verifications verifications() {
        if (verifications == null) {
            StorageMeter meter = new StorageMeter();
            BlobStoreFactory stores = BlobStoreFactory.standard(clock);
            Targets configured = Targets.of(config);
            TargetCatalog catalog = new TargetCatalog(configured, config.discovery().isPresent());
            cluster = config.discovery().map(d -> clusterOverride.orElseGet(() -> ClusterAccess.connect(d)));
            Optional<AppBackup> backups = config.discovery().flatMap(ClusterDiscovery::backup)
                    .flatMap(b -> cluster).map(access -> backups(access, stores));
            CheckRunner runner = new CheckRunner(catalog, backups, stores, meter, environment, clock, random,
                    new RunStore(RUN_HISTORY), new StateChangeNotifier(config.notifications(), HttpClient.newBuilder()
                            .connectTimeout(StateChangeNotifier.TIMEOUT).build()));
            String instanceId = Optional.ofNullable(environment.get("HOSTNAME")).filter(h -> !h.isBlank())
                    .orElseGet(() -> "rewind-" + Long.toHexString(random.nextLong()));
            CheckScheduler scheduler = config.cluster().isPresent()
                    ? new CheckScheduler(runner, "rewind", config.cluster(), instanceId)
                    : new CheckScheduler(runner, instanceId);
            if (config.discovery().isPresent()) {
                java.util.Set<TargetName> reserved = new java.util.HashSet<>();
                configured.repositories().forEach(r -> reserved.add(r.name()));
                configured.archives().forEach(a -> reserved.add(a.name()));
                ClusterTargets discovery = new ClusterTargets(new TargetDiscovery(cluster.orElseThrow().reader(),
                        config.discovery().get(), reserved), catalog, scheduler, clock,
                        config.discovery().get().interval());
                scheduler.scheduleDiscovery(discovery, config.discovery().get().interval());
                clusterTargets = Optional.of(discovery);
            }
            DrillBoard drills = new DrillBoard();
            config.drills().ifPresent(d -> scheduler.scheduleDrills(drillRunner(d, drills), d.schedule()));
            verifications = new Verifications(runner, scheduler, meter, clock, VERSION, drills);
        }
        return verifications;
    }

    /** The discovery of the configured cluster; empty without a {@code cluster:} section. */
    public Optional<ClusterTargets> clusterTargets() {
        verifications();
        return clusterTargets;
    }

    /** {@code rewind backup} of one app on the server's connection, waiting with its waiter. */
    private AppBackup backups(ClusterAccess access, BlobStoreFactory stores) {
        return app -> new VolsyncBackup(access.writer(), access.moverLogs(), new VolsyncRepositoryOpener(stores),
                clock, random, access.waiter()).run(app, BackupOptions.defaults(),
                event -> LOG.info("backup of {}/{}: {}", app.namespace(), app.name(), event));
    }

    /**
     * The scheduled drills' runner over a connection to the API server the pod runs in (in-cluster service
     * account; kubectl's lookup elsewhere). Nothing is sent until the first drill fires.
     */
    private DrillRunner drillRunner(DrillSchedule drills, DrillBoard board) {
        KubernetesConnection k8s = KubernetesConnection.connect(Optional.empty(), Optional.empty());
        kubernetes = Optional.of(k8s);
        DrillService service = DrillService.standard(k8s.reader(), k8s.actions(), k8s.sandbox(), k8s.moverLogs(),
                BlobStoreFactory.standard(clock)::open, clock, Sleeper.system(), random, drills.settings(),
                (phase, message) -> LOG.info("drill {}: {}", phase, message));
        return new DrillRunner(drills, service::drill, () -> new AppDiscovery(k8s.reader())
                .findAll(NamespaceScope.all()).stream()
                .map(app -> new DrillSchedule.DrillApp(app.namespace(), app.name())).toList(), board, clock,
                new DrillSweep(k8s.actions(), k8s.sandbox(), clock)::sweep);
    }

    /** The bound port: the configured one, or the one the system picked for port 0. */
    public int port() {
        HttpServer server = http;
        if (server == null) {
            throw new IllegalStateException("rewind-server is not started (" + lifecycle.get() + ")");
        }
        return server.getAddress().getPort();
    }

    /** The current phase. */
    public Lifecycle lifecycle() {
        return lifecycle.get();
    }

    /** Stops accepting connections and drains exchanges in flight for at most the drain grace. Idempotent. */
    @Override
    public void close() {
        Lifecycle current = lifecycle.get();
        if (current == Lifecycle.NEW && lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STOPPED)) {
            if (verifications != null) {
                verifications.scheduler().close();
            }
            cluster.ifPresent(ClusterAccess::close);
            return;
        }
        if (current != Lifecycle.READY || !lifecycle.compareAndSet(Lifecycle.READY, Lifecycle.STOPPING)) {
            return; // already stopping or stopped, or a failed start cleaned up after itself
        }
        LOG.info("rewind-server stopping (drain grace {})", drainGrace);
        verifications.scheduler().close();
        kubernetes.ifPresent(KubernetesConnection::close);
        http.stop((int) Math.min(Integer.MAX_VALUE, drainGrace.plusNanos(999_999_999).toSeconds()));
        exchanges.shutdownNow();
        cluster.ifPresent(ClusterAccess::close);
        moveTo(Lifecycle.STOPPED);
        LOG.info("rewind-server stopped");
    }

    private void moveTo(Lifecycle next) {
        Lifecycle current = lifecycle.get();
        if (!current.canMoveTo(next) || !lifecycle.compareAndSet(current, next)) {
            throw new IllegalStateException("rewind-server cannot go from " + current + " to " + next);
        }
    }
}
