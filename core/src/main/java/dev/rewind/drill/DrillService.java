package dev.rewind.drill;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.SandboxActions;
import dev.rewind.error.RewindException;
import dev.rewind.pg.Poller;
import dev.rewind.restore.DirectDestination;
import dev.rewind.restore.MoverGate;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The restore drill: PLAN → PREPARE → RESTORE → CHECK → CLEANUP ({@link DrillPhase}).
 *
 * <ul>
 *   <li><b>PLAN</b> ({@code DrillPlanner}; reads only; a refusal is thrown and nothing is created): the app
 *       ({@link AppDiscovery}), the RBAC permissions in the sandbox ({@code SelfSubjectAccessReview}s, UNAVAILABLE
 *       naming each missing one), the snapshot pinned exactly as the restore pins it ({@link SnapshotPinner}:
 *       {@code restoreAsOf} = its start time, {@code previous 0}). Refusals: unknown app / no snapshot → NOT_FOUND;
 *       future instant, empty snapshot, a sandbox equal to the app's namespace → INVALID_INPUT; a repository on a
 *       claim of the app's namespace (moverVolumes, which a sandbox cannot mount) → UNSUPPORTED.</li>
 *   <li><b>PREPARE</b>: the sandbox namespace if absent and the {@link SandboxNamespacePolicy} allows it (a
 *       Terminating one is waited for, at most 3 minutes, then CONFLICT), a copy of the
 *       app's repository Secret, and a scratch claim
 *       sized like the app's claim (else the ReplicationSource's capacity, else 125 % of the snapshot, at least
 *       1 GiB).</li>
 *   <li><b>RESTORE</b>: a temporary ReplicationDestination ({@link DirectDestination}: Direct into the scratch
 *       claim, the app's identity, manual trigger) and the restore's mover gates ({@link MoverGate}: trigger done,
 *       result Successful, log names the pinned snapshot id, requested identity is the app's). Its duration is the
 *       time to restore.</li>
 *   <li><b>CHECK</b>: the {@link CheckerPod} counts regular files and their apparent sizes on the restored volume;
 *       both must equal the snapshot's root directory summary exactly (files and bytes — apparent sizes do not
 *       depend on filesystem block accounting); the optional check command must exit 0. A checker that cannot
 *       start (image pull) fails UNAVAILABLE at once; one that stays Pending times out naming its waiting reason; a
 *       checker whose {@code find} could not read a directory fails PARTIAL.</li>
 *   <li><b>CLEANUP</b> ({@code DrillRun}, in a {@code finally}) always runs, after a failure, an interruption and
 *       an {@link Error} too: the checker pod, the RD, the scratch claim, the Secret copy, and the namespace only
 *       when the drill created it under {@link SandboxNamespacePolicy#CREATE_AND_DELETE}. An object that could not be
 *       deleted is listed in {@link DrillResult#cleanupProblems()} and fails the drill.</li>
 * </ul>
 * Nothing is written to the app's namespace. Waiting uses the injected {@link Sleeper} between polls and the injected
 * {@link Clock} for deadlines ({@link Poller}). Not thread-safe per run; one instance may serve runs one after the other.
 */
public final class DrillService {
    private final DrillPlanner planner;
    private final DrillPorts ports;

    public DrillService(AppDiscovery discovery, ClusterActions cluster, SandboxActions sandbox, MoverLogs logs,
                        SnapshotPinner pinner, Clock clock, Sleeper sleeper, RandomGenerator random,
                        DrillSettings settings, DrillListener listener) {
        this.planner = new DrillPlanner(discovery, cluster, sandbox, pinner, clock, random, settings);
        this.ports = new DrillPorts(cluster, sandbox, logs, clock, new Poller(clock,
                Objects.requireNonNull(sleeper, "sleeper")), settings, listener);
    }

    /** The standard wiring: discovery over {@code reader}, the repository opened from the app's Secret. */
    public static DrillService standard(ClusterReader reader, ClusterActions actions, SandboxActions sandbox,
                                       MoverLogs logs, Function<RepositoryLocation, BlobStore> stores, Clock clock,
                                       Sleeper sleeper, RandomGenerator random, DrillSettings settings,
                                       DrillListener listener) {
        return new DrillService(new AppDiscovery(reader), actions, sandbox, logs,
                new SnapshotPinner(new RepositorySnapshotCatalogs(stores), clock), clock, sleeper, random, settings,
                listener);
    }

    /**
     * PLAN then the drill. An interruption of the calling thread ends the working phase with INTERRUPTED; CLEANUP
     * still runs and the interrupt flag is set again before this returns.
     *
     * @throws RewindException the refusals of PLAN (see the class comment); nothing was created then
     */
    public DrillResult drill(DrillRequest request) {
        Instant startedAt = ports.clock().instant();
        ports.listener().on(DrillPhase.PLAN, "drill of " + request.namespace().map(n -> n + "/").orElse("") + request.app());
        DrillPlan plan = plan(request);
        return new DrillRun(plan, startedAt, ports).go(Duration.between(startedAt, ports.clock().instant()));
    }

    /**
     * PLAN: reads only.
     *
     * @throws RewindException the refusals listed in the class comment
     */
    public DrillPlan plan(DrillRequest request) {
        return planner.plan(request);
    }
}
