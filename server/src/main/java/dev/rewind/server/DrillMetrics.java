package dev.rewind.server;

import dev.rewind.drill.DrillCounts;
import dev.rewind.drill.DrillResult;

/**
 * The {@code rewind_drill_*} families of {@link MetricsExposition}, one series per app, namespace and generation
 * (labels {@code app}, {@code namespace}, {@code generation}): when the newest passed drill finished, whether the
 * newest drill passed, its time to restore, and the files the snapshot holds and the restore produced
 * ({@code source="snapshot"|"restored"}). A series is absent until a drill of it produced the value.
 */
final class DrillMetrics {
    private DrillMetrics() {
    }

    static void append(StringBuilder out, DrillBoard board) {
        var latest = board.latest();
        MetricsExposition.family(out, "rewind_drill_last_success_timestamp_seconds", "gauge",
                "When the newest passed restore drill of the app and generation finished (seconds since the epoch).");
        for (DrillResult r : latest) {
            board.latestPassed(DrillBoard.keyOf(r)).ifPresent(passed -> MetricsExposition.sample(out,
                    "rewind_drill_last_success_timestamp_seconds", "app", r.app(), "namespace", r.namespace(),
                    "generation", r.generation().label(), MetricsExposition.seconds(passed.finishedAt())));
        }
        MetricsExposition.family(out, "rewind_drill_last_outcome", "gauge",
                "1 when the newest restore drill of the app and generation passed, 0 when it failed.");
        for (DrillResult r : latest) {
            MetricsExposition.sample(out, "rewind_drill_last_outcome", "app", r.app(), "namespace", r.namespace(),
                    "generation", r.generation().label(), r.passed() ? 1 : 0);
        }
        MetricsExposition.family(out, "rewind_drill_duration_seconds", "gauge",
                "Time to restore of the newest drill: from creating the temporary ReplicationDestination to the"
                        + " verified end of its mover (the recovery time the backup offers).");
        for (DrillResult r : latest) {
            r.timeToRestore().ifPresent(t -> MetricsExposition.sample(out, "rewind_drill_duration_seconds", "app",
                    r.app(), "namespace", r.namespace(), "generation", r.generation().label(), t.toNanos() / 1e9));
        }
        MetricsExposition.family(out, "rewind_drill_files", "gauge",
                "Files of the newest drill: in the snapshot's root summary (source=snapshot) and counted on the"
                        + " restored volume (source=restored).");
        for (DrillResult r : latest) {
            r.expected().map(DrillCounts::files).ifPresent(files -> MetricsExposition.sample(out,
                    "rewind_drill_files", "app", r.app(), "namespace", r.namespace(), "generation",
                    r.generation().label(), "source", "snapshot", files));
            r.found().map(DrillCounts::files).ifPresent(files -> MetricsExposition.sample(out,
                    "rewind_drill_files", "app", r.app(), "namespace", r.namespace(), "generation",
                    r.generation().label(), "source", "restored", files));
        }
    }
}
