package dev.rewind.restore;

import dev.rewind.app.AppEnvironment;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.kube.WholeAppWorld;
import dev.rewind.pg.PgRestore;
import dev.rewind.pg.Poller;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.restore.wholeapp.AppRestoreExecutor;
import dev.rewind.restore.wholeapp.AppRestorePlanner;
import dev.rewind.restore.wholeapp.AppRestoreRequest;
import dev.rewind.restore.wholeapp.AppRestoreService;
import dev.rewind.restore.wholeapp.AppRestoreSettings;
import dev.rewind.restore.wholeapp.ConnectionSwitchPlanner;
import dev.rewind.restore.wholeapp.DatabaseFinder;
import dev.rewind.storage.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Test support for the whole-app restore: {@link RestoreFixture} (paperless-ngx, a real Kopia repository with
 * snapshots S1..S3, simulated Volsync/Flux) plus {@link WholeAppWorld} (the shared CNPG cluster with a REAL Barman
 * archive on an in-JVM S3, simulated CNPG, the ExternalSecret-rendered {@code paperless-secret}). Every wait advances
 * the clock and steps all simulated controllers.
 */
final class WholeAppFixture implements AutoCloseable {
    /** Inside the real archive's recovery window; after S3 (2026-11-30T02:00Z). */
    static final Instant T = Instant.parse("2026-11-30T16:55:00Z");

    final RestoreFixture f = new RestoreFixture();
    final WholeAppWorld world;
    final List<ProgressEvent> progress = new ArrayList<>();
    final Sleeper sleeper;

    final List<Runnable> onSleep = new ArrayList<>();
    Duration leaseDuration = Duration.ofMinutes(2);

    /** paperless-ngx with its database host in a hand-made Secret (a switch of it holds). */
    WholeAppFixture() throws Exception {
        this(false);
    }

    /** With {@code externalSecret}: paperless-ngx's real setup, the Secret rendered by ExternalSecret paperless. */
    WholeAppFixture(boolean externalSecret) throws Exception {
        WholeAppWorld created = new WholeAppWorld(f.cluster, f.clock);
        world = externalSecret ? created.paperlessDatabaseSecret() : created.handMadeDatabaseSecret();
        sleeper = d -> {
            f.clock.advance(d);
            world.step();
            onSleep.forEach(Runnable::run);
        };
        f.cluster.clearRequests();
    }

    AppRestoreService service() {
        return service(UnaryOperator.identity(), Duration.ofHours(1));
    }

    AppRestoreService service(UnaryOperator<AppEnvironment> decorate, Duration healthyTimeout) {
        AppEnvironment environment = decorate.apply(world.environment());
        RestorePlanner volumes = f.planner();
        RestoreExecutor volumeExecutor = new RestoreExecutor(f.cluster.writer(), f.cluster.environment(),
                f.cluster.moverLogs(), f.clock, sleeper,
                new SplittableRandom(5), RestoreSettings.defaults(), f.events::add);
        PgRestore databases = new PgRestore(f.cluster.reader(), world.control(), world.stores(),
                BarmanPolicy.defaults(), new Poller(f.clock, sleeper));
        AppRestorePlanner planner = new AppRestorePlanner(volumes, new DatabaseFinder(environment,
                f.cluster.reader()), databases, new ConnectionSwitchPlanner(environment), f.cluster.writer(),
                world.control());
        AppRestoreSettings settings = new AppRestoreSettings(new WaitPolicy(Duration.ofSeconds(5), healthyTimeout),
                new WaitPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30)), leaseDuration);
        AppRestoreExecutor executor = new AppRestoreExecutor(f.cluster.writer(), environment, world.control(),
                volumes, volumeExecutor, f.clock, sleeper, new SplittableRandom(6), settings, progress::add);
        return new AppRestoreService(planner, executor, progress::add);
    }

    static AppRestoreRequest request(Instant t) {
        return AppRestoreRequest.of(RestoreRequest.inPlace(RestoreFixture.APP, RestoreFixture.NS,
                new SnapshotSelector.AsOf(t)));
    }

    @Override
    public void close() {
        world.close();
        f.close();
    }
}
