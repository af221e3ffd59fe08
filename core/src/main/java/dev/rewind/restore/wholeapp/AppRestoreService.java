package dev.rewind.restore.wholeapp;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.PostgresControl;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.PgRestore;
import dev.rewind.pg.Poller;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.RestoreExecutor;
import dev.rewind.restore.RestoreListener;
import dev.rewind.restore.RestoreOutcome;
import dev.rewind.restore.RestorePlanner;
import dev.rewind.restore.RestoreSettings;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The whole-app restore front-ends call ({@code rewind restore --app X --timestamp T --with-database}): plan (every
 * refusal before anything changes), then — unless it is a dry run — execute; plus {@link #resume} and
 * {@link #abort} of an interrupted run. See {@link AppRestorePlanner} and {@link AppRestoreExecutor}.
 */
public final class AppRestoreService {
    private final AppRestorePlanner planner;
    private final AppRestoreExecutor executor;
    private final ProgressListener progress;

    public AppRestoreService(AppRestorePlanner planner, AppRestoreExecutor executor, ProgressListener progress) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * The standard wiring over one API connection: app discovery and the volume restore as in
     * {@link dev.rewind.restore.RestoreService#standard}, the database recovery as in {@link PgRestore}.
     */
    public static AppRestoreService standard(ClusterReader reader, ClusterActions actions, AppEnvironment environment,
                                             RestoreEnvironment surroundings, MoverLogs moverLogs,
                                             PostgresControl control, BlobStoreFactory stores, Clock clock,
                                             Sleeper sleeper, RandomGenerator random, RestoreListener volumeListener,
                                             ProgressListener progress) {
        RestorePlanner volumes = new RestorePlanner(new AppDiscovery(reader), actions, surroundings,
                new RepositorySnapshotCatalogs(stores::open), clock, random);
        RestoreExecutor volumeExecutor = new RestoreExecutor(actions, surroundings, moverLogs, clock, sleeper, random,
                RestoreSettings.defaults(), volumeListener);
        PgRestore databases = new PgRestore(reader, control, stores, BarmanPolicy.defaults(),
                new Poller(clock, sleeper));
        AppRestorePlanner planner = new AppRestorePlanner(volumes, new DatabaseFinder(environment, reader), databases,
                new ConnectionSwitchPlanner(environment), actions, control);
        AppRestoreExecutor executor = new AppRestoreExecutor(actions, environment, control, volumes, volumeExecutor,
                clock, sleeper, random, AppRestoreSettings.defaults(), progress);
        return new AppRestoreService(planner, executor, progress);
    }

    /**
     * Plans and (unless {@code dryRun}) runs the whole-app restore.
     *
     * @throws RewindException the planner's refusals; CONFLICT when a restore of the app is running or unfinished
     */
    public AppRestoreResult restore(AppRestoreRequest request) {
        AppRestorePlan plan = planner.plan(request);
        String app = plan.app();
        boolean dryRun = request.volume().dryRun();
        progress.on(new ProgressEvent.Noted(AppRestoreExecutor.WORKFLOW, app, ProgressEvent.Level.INFO,
                plan.consistency().summary()));
        plan.connection().warnings().forEach(w -> progress.on(new ProgressEvent.Noted(AppRestoreExecutor.WORKFLOW,
                app, ProgressEvent.Level.WARNING, w)));
        plan.steps().forEach(step -> progress.on(new ProgressEvent.Noted(AppRestoreExecutor.WORKFLOW, app,
                ProgressEvent.Level.INFO, step.phase() + ": " + (dryRun ? "would " : "will ") + step.action())));
        if (dryRun) {
            return new AppRestoreResult(app, plan.namespace(), Optional.of(plan), new RestoreOutcome.Succeeded(),
                    AppRestorePhase.PLAN, Optional.empty(), plan.database().namespace() + "/"
                    + plan.database().newName(), List.of(), true);
        }
        return executor.execute(plan);
    }

    /** Whether an unfinished whole-app restore of {@code app} is journalled in {@code namespace}. */
    public boolean isJournalled(String app, String namespace) {
        return executor.isJournalled(app, requireNamespace(namespace));
    }

    /** Continues an interrupted whole-app restore. */
    public AppRestoreResult resume(String app, String namespace) {
        return executor.resume(app, requireNamespace(namespace));
    }

    /** Switches back, rolls the volume back, keeps the new Cluster. */
    public AppRestoreResult abort(String app, String namespace) {
        return executor.abort(app, requireNamespace(namespace));
    }

    private static String requireNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new RewindException(Reason.INVALID_INPUT, "resume/abort need the app's namespace (-n)");
        }
        return namespace;
    }
}
