package dev.rewind.drill;

import dev.rewind.app.ClusterActions;
import dev.rewind.app.LabelledObject;
import dev.rewind.app.SandboxActions;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes the leftovers of drills that never reached CLEANUP (a replica that crashed or was killed mid-drill): the
 * objects of the sandbox namespace labelled {@code rewind.dev/drill} that were created longer ago than a drill may
 * last. Run it before a scheduled drill run; a drill running elsewhere (a CLI drill by hand) is younger than that and
 * is left alone. Thread-safe when its ports are.
 */
public final class DrillSweep {
    private final ClusterActions cluster;
    private final SandboxActions sandbox;
    private final Clock clock;

    public DrillSweep(ClusterActions cluster, SandboxActions sandbox, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a sweep did.
     *
     * @param swept    the objects deleted ({@code Kind namespace/name})
     * @param problems the objects that could not be deleted, with the reason
     */
    public record Report(List<String> swept, List<String> problems) {
        public Report {
            swept = List.copyOf(swept);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Deletes the drill objects of {@code namespace} created before {@code olderThan} ago. Listing failures are
     * thrown ({@link RewindException}); a failed deletion is reported and the sweep goes on.
     */
    public Report sweep(String namespace, Duration olderThan) {
        Instant cutoff = clock.instant().minus(olderThan);
        List<String> swept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (LabelledObject o : sandbox.findLabelled(namespace, DrillNames.DRILL_LABEL)) {
            if (!o.createdAt().isBefore(cutoff)) {
                continue;
            }
            try {
                cluster.ensureDeleted(o.apiVersion(), o.kind(), o.namespace(), o.name());
                swept.add(o.toString());
            } catch (RewindException e) {
                problems.add(o + ": " + e.getMessage());
            }
        }
        return new Report(swept, problems);
    }
}
