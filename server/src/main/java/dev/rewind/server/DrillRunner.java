package dev.rewind.server;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillRequest;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillRotation;
import dev.rewind.drill.DrillSelection;
import dev.rewind.drill.SandboxNamespacePolicy;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.drill.DrillSweep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled drills ({@link DrillJob}): every app of the {@code drills} section (or every app discovered),
 * one after the other, each with the next generation of its {@link DrillRotation} (continuing from the app's
 * previous drill on the {@link DrillBoard}), and records every result there — a drill PLAN refused (app gone, no
 * snapshot, RBAC) is recorded as a failed result too, never thrown. Each run first sweeps the sandbox of drill objects
 * older than {@link #sweepAge()} (leftovers of a replica that died mid-drill) and logs what it swept. An interrupt of
 * the running thread ({@link #interruptRunning()}, from {@link DrillJob#interrupt()} when the server stops) ends the
 * current drill through its CLEANUP and starts no further drill; {@link #awaitIdle} waits (bounded) for that.
 * Thread-safe as far as the board is; the scheduler runs one drill job at a time.
 */
public final class DrillRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DrillRunner.class);

    private final DrillSchedule config;
    private final Function<DrillRequest, DrillResult> drills;
    private final Supplier<List<DrillSchedule.DrillApp>> discovered;
    private final DrillRotation rotation;
    private final DrillBoard board;
    private final Clock clock;
    private final BiFunction<String, Duration, DrillSweep.Report> sweep;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private Optional<Thread> running = Optional.empty();

    /**
     * @param drills     runs one drill, e.g. {@code DrillService::drill}
     * @param discovered the apps of the cluster, used when the section names none
     * @param sweep      deletes the drill objects of a namespace older than an age, e.g. {@link DrillSweep#sweep}
     */
    public DrillRunner(DrillSchedule config, Function<DrillRequest, DrillResult> drills,
                       Supplier<List<DrillSchedule.DrillApp>> discovered, DrillBoard board, Clock clock,
                       BiFunction<String, Duration, DrillSweep.Report> sweep) {
        this.sweep = Objects.requireNonNull(sweep, "sweep");
        this.config = Objects.requireNonNull(config, "config");
        this.drills = Objects.requireNonNull(drills, "drills");
        this.discovered = Objects.requireNonNull(discovered, "discovered");
        this.board = Objects.requireNonNull(board, "board");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rotation = new DrillRotation(clock);
    }

    public DrillBoard board() {
        return board;
    }

    /**
     * How old a drill object must be to count as a leftover: the RESTORE deadline (the configured one, else
     * {@link #UNCONFIGURED_RESTORE_BOUND}) plus the CHECK deadline.
     */
    Duration sweepAge() {
        return config.timeout().orElse(UNCONFIGURED_RESTORE_BOUND).plus(config.settings().checkTimeout());
    }

    /** The bound on a RESTORE without a configured timeout (the size-based deadline of a 100+ GiB volume). */
    static final Duration UNCONFIGURED_RESTORE_BOUND = Duration.ofHours(6);

    /** Sweeps leftovers, then drills every app once (stopping early when interrupted); returns the results. */
    public List<DrillResult> runAll() {
        lock.lock();
        try {
            running = Optional.of(Thread.currentThread());
        } finally {
            lock.unlock();
        }
        try {
            sweepLeftovers();
            List<DrillSchedule.DrillApp> apps = config.apps().isEmpty() ? discovered.get() : config.apps();
            List<DrillResult> results = new ArrayList<>();
            for (DrillSchedule.DrillApp app : apps) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.info("drills interrupted: {} of {} apps drilled", results.size(), apps.size());
                    break;
                }
                results.add(drill(app));
            }
            return results;
        } finally {
            lock.lock();
            try {
                running = Optional.empty();
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void sweepLeftovers() {
        try {
            DrillSweep.Report report = sweep.apply(config.sandboxNamespace(), sweepAge());
            if (!report.swept().isEmpty()) {
                LOG.warn("swept {} leftover drill object(s) older than {} from namespace {}: {}",
                        report.swept().size(), sweepAge(), config.sandboxNamespace(), report.swept());
            }
            report.problems().forEach(p -> LOG.warn("could not sweep a leftover drill object: {}", p));
        } catch (RewindException e) {
            LOG.warn("could not sweep namespace {} for leftover drill objects: {}", config.sandboxNamespace(),
                    e.getMessage());
        }
    }

    /** Interrupts the thread running the drills, if any: the current drill cleans up, no further drill starts. */
    void interruptRunning() {
        lock.lock();
        try {
            running.ifPresent(Thread::interrupt);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no drill run is in progress, at most {@code grace}.
     *
     * @return whether the runner is idle
     */
    boolean awaitIdle(Duration grace) {
        lock.lock();
        try {
            long left = grace.toNanos();
            while (running.isPresent() && left > 0) {
                left = idle.awaitNanos(left);
            }
            return running.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** One drill of {@code app} with the next generation of its rotation. */
    public DrillResult drill(DrillSchedule.DrillApp app) {
        DrillGeneration generation = rotation.next(board.lastGeneration(app.namespace(), app.name()));
        DrillRequest request = new DrillRequest(app.name(), Optional.of(app.namespace()),
                new DrillSelection.Generation(generation), config.sandboxNamespace(), Optional.empty(),
                config.timeout(), SandboxNamespacePolicy.MUST_EXIST);   // the server never creates namespaces
        DrillResult result;
        try {
            result = drills.apply(request);
        } catch (RewindException e) {
            result = DrillResult.refused(request, e, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("drill of {} failed unexpectedly", app, e);
            result = DrillResult.refused(request, new RewindException(Reason.INTERNAL, String.valueOf(e)),
                    clock.instant());
        }
        board.record(result);
        LOG.info("drill of {} ({}): {}", app, generation.label(), result.outcome());
        return result;
    }
}
