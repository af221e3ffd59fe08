package dev.rewind.restore;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.error.Reason;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import dev.rewind.error.RewindException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The restore workflow front-ends call: plan (PREFLIGHT, LIST_SNAPSHOTS), then — unless it is a dry run — execute;
 * plus {@link #resume} and {@link #abort} of an interrupted run.
 *
 * <p>Refusals in the read-only phases are thrown as {@link RewindException}s before anything changes; everything
 * after is reported as a {@link RestoreResult} whose {@link RestoreOutcome} tells how it ended.
 */
public final class RestoreService {
    private final RestorePlanner planner;
    private final RestoreExecutor executor;
    private final RestoreListener listener;

    public RestoreService(RestorePlanner planner, RestoreExecutor executor, RestoreListener listener) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The standard wiring: discovery over {@code reader}, the surroundings through {@code environment}, mover and
     * probe logs through {@code moverLogs}, the repository opened from the app's Secret through {@code stores},
     * default {@link RestoreSettings}.
     */
    public static RestoreService standard(ClusterReader reader, ClusterActions writer,
                                          RestoreEnvironment environment, MoverLogs moverLogs,
                                          Function<RepositoryLocation, BlobStore> stores, Clock clock,
                                          Sleeper sleeper, RandomGenerator random, RestoreListener listener) {
        RestorePlanner planner = new RestorePlanner(new AppDiscovery(reader), writer, environment,
                new RepositorySnapshotCatalogs(stores), clock, random);
        RestoreExecutor executor = new RestoreExecutor(writer, environment, moverLogs, clock, sleeper, random,
                RestoreSettings.defaults(), listener);
        return new RestoreService(planner, executor, listener);
    }

    /**
     * Restores (or, with {@code dryRun}, only plans) as requested.
     *
     * @throws RewindException refusals of PREFLIGHT / LIST_SNAPSHOTS (see {@link RestorePlanner}), CONFLICT when a
     *                         restore of the app is running or unfinished
     */
    public RestoreResult restore(RestoreRequest request) {
        RestorePlan plan = planner.plan(request);
        plan.steps().forEach(step -> listener.on(new RestoreProgress.Note(plan.app(), step.phase(),
                (request.dryRun() ? "would " : "will ") + step.action())));
        if (request.dryRun()) {
            return new RestoreResult(plan.app(), plan.namespace(), Optional.of(plan),
                    new RestoreOutcome.Succeeded(), RestorePhase.LIST_SNAPSHOTS, Map.of(), plan.snapshot().id(),
                    plan.safetySnapshot().map(s -> s.name()), true);
        }
        return executor.execute(plan);
    }

    /** Continues an interrupted restore of {@code app} in {@code namespace} (see {@link RestoreExecutor#resume}). */
    public RestoreResult resume(String app, String namespace) {
        return executor.resume(app, requireNamespace(namespace));
    }

    /** Rolls back an unfinished restore (see {@link RestoreExecutor#abort}). */
    public RestoreResult abort(String app, String namespace) {
        return executor.abort(app, requireNamespace(namespace));
    }

    private static String requireNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new RewindException(Reason.INVALID_INPUT, "resume/abort need the app's namespace (-n)");
        }
        return namespace;
    }
}
