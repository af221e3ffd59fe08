package dev.rewind.server;

import dev.rewind.storage.StorageMeter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTP endpoints read: the targets and their runs, the schedule, the storage counters and the clock.
 *
 * @param version the server version for {@code rewind_build_info}
 * @param drills  the results of the scheduled restore drills
 */
public record Verifications(CheckRunner runner, CheckScheduler scheduler, StorageMeter meter, Clock clock,
                            String version, DrillBoard drills) {
    /** Without drills (an empty board). */
    public Verifications(CheckRunner runner, CheckScheduler scheduler, StorageMeter meter, Clock clock,
                         String version) {
        this(runner, scheduler, meter, clock, version, new DrillBoard());
    }

    public Verifications {
        Objects.requireNonNull(drills, "drills");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(version, "version");
    }

    public Targets targets() {
        return runner.targets();
    }

    public RunStore runs() {
        return runner.runs();
    }

    /** The state of cluster discovery; empty when the server has no cluster. */
    public java.util.Optional<DiscoveryStatus> discovery() {
        return runner.catalog().discovery();
    }

    /** One row per check of every target: configured ones in configuration order, then discovered ones by name. */
    public List<CheckRow> rows() {
        var rows = new java.util.ArrayList<CheckRow>();
        for (RepositoryTarget r : targets().repositories()) {
            rows.add(row(r.name(), "repository", CheckKind.QUICK_VERIFY));
            rows.add(row(r.name(), "repository", CheckKind.DEEP_VERIFY));
        }
        for (ArchiveTarget a : targets().archives()) {
            rows.add(row(a.name(), "archive", CheckKind.BARMAN_VERIFY));
        }
        DiscoveredTargets discovered = targets().discovered();
        for (AppTarget a : discovered.apps()) {
            for (CheckKind kind : discovered.kindsOf(a.name())) {
                rows.add(row(a.name(), "app", kind));
            }
        }
        for (ClusterArchiveTarget a : discovered.archives()) {
            rows.add(row(a.name(), "archive", CheckKind.BARMAN_VERIFY));
        }
        return rows;
    }

    private CheckRow row(TargetName target, String type, CheckKind kind) {
        return new CheckRow(target, type, kind, runs().latest(target, kind), runs().latestHealthy(target, kind),
                scheduler.nextRunAt(target, kind));
    }

    /** The state of one check of one target. */
    public record CheckRow(TargetName target, String type, CheckKind kind, java.util.Optional<Run> lastRun,
                           java.util.Optional<Run> lastHealthyRun, java.util.Optional<java.time.Instant> nextRunAt) {
    }
}
