package dev.rewind.server;

import dev.rewind.drill.DrillCounts;
import dev.rewind.drill.DrillResult;

/**
 * The {@code rewind_drill_*} families of {@link MetricsExposition}, one series per app, namespace and generation
 * (labels {@code app}, {@code namespace}, {@code generation}): when the newest passed drill finished, whether the
 * newest drill passed, its time to restore, and the files and bytes the snapshot holds and the restore produced
 * ({@code source="snapshot"|"restored"}). A series is absent until a drill of it produced the value — except the last
 * success, which is 0 for an app and generation that was drilled but never passed, so {@code RewindDrillStale} fires
 * for it too (docs/deploy/app/prometheusrule.yaml).
 */
final class DrillMetrics {
    private DrillMetrics() {
    }

    static void append(StringBuilder out, DrillBoard board) {
        var latest = board.latest();
        MetricsExposition.family(out, "rewind_drill_last_success_timestamp_seconds", "gauge",
                "When the newest passed restore drill of the app and generation finished (seconds since the epoch).");
        for (DrillResult r : latest) {
            MetricsExposition.sample(out, "rewind_drill_last_success_timestamp_seconds", "app", r.app(), "namespace",
                    r.namespace(), "generation", r.generation().label(), board.latestPassed(DrillBoard.keyOf(r))
                            .map(passed -> MetricsExposition.seconds(passed.finishedAt())).orElse(0.0));
        }
        MetricsExposition.family(out, "rewind_drill_last_outcome", "gauge",
                "1 when the newest restore drill of the app and generation passed, 0 when it failed.");
        for (DrillResult r : latest) {
            MetricsExposition.sample(out, "rewind_drill_last_outcome", "app", r.app(), "namespace", r.namespace(),
                    "generation", r.generation().label(), r.passed() ? 1 : 0);
        }
        MetricsExposition.family(out, "rewind_drill_restore_seconds", "gauge",
                "Time to restore of the newest drill: from creating the temporary ReplicationDestination to the"
                        + " verified end of its mover (the recovery time the backup offers).");
        for (DrillResult r : latest) {
            r.timeToRestore().ifPresent(t -> MetricsExposition.sample(out, "rewind_drill_restore_seconds", "app",
                    r.app(), "namespace", r.namespace(), "generation", r.generation().label(), t.toNanos() / 1e9));
        }
        MetricsExposition.family(out, "rewind_drill_files", "gauge",
                "Files of the newest drill: in the snapshot's root summary (source=snapshot) and counted on the"
                        + " restored volume (source=restored).");
        counts(out, latest, "rewind_drill_files", DrillCounts::files);
        MetricsExposition.family(out, "rewind_drill_bytes", "gauge",
                "Bytes in files of the newest drill: in the snapshot's root summary (source=snapshot) and counted on"
                        + " the restored volume (source=restored).");
        counts(out, latest, "rewind_drill_bytes", DrillCounts::sizeBytes);
    }

    /** One sample per drill and source ({@code snapshot}: its root summary, {@code restored}: counted). */
    private static void counts(StringBuilder out, java.util.List<DrillResult> latest, String name,
                               java.util.function.ToLongFunction<DrillCounts> value) {
        for (DrillResult r : latest) {
            r.expected().ifPresent(c -> MetricsExposition.sample(out, name, "app", r.app(), "namespace",
                    r.namespace(), "generation", r.generation().label(), "source", "snapshot", value.applyAsLong(c)));
            r.found().ifPresent(c -> MetricsExposition.sample(out, name, "app", r.app(), "namespace",
                    r.namespace(), "generation", r.generation().label(), "source", "restored", value.applyAsLong(c)));
        }
    }
}
