package dev.rewind.server;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillRequest;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillRotation;
import dev.rewind.drill.DrillSelection;
import dev.rewind.drill.SandboxNamespacePolicy;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled drills ({@link DrillJob}): every app of the {@code drills} section (or every app discovered),
 * one after the other, each with the next generation of its {@link DrillRotation} (continuing from the app's
 * previous drill on the {@link DrillBoard}), and records every result there — a drill PLAN refused (app gone, no
 * snapshot, RBAC) is recorded as a failed result too, never thrown. Thread-safe as far as the board is; the
 * scheduler runs one drill job at a time.
 */
public final class DrillRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DrillRunner.class);

    private final DrillSchedule config;
    private final Function<DrillRequest, DrillResult> drills;
    private final Supplier<List<DrillSchedule.DrillApp>> discovered;
    private final DrillRotation rotation;
    private final DrillBoard board;
    private final Clock clock;

    /**
     * @param drills     runs one drill, e.g. {@code DrillService::drill}
     * @param discovered the apps of the cluster, used when the section names none
     */
    public DrillRunner(DrillSchedule config, Function<DrillRequest, DrillResult> drills,
                       Supplier<List<DrillSchedule.DrillApp>> discovered, DrillBoard board, Clock clock) {
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

    /** Drills every app once; returns the results in order. */
    public List<DrillResult> runAll() {
        List<DrillSchedule.DrillApp> apps = config.apps().isEmpty() ? discovered.get() : config.apps();
        return apps.stream().map(this::drill).toList();
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
