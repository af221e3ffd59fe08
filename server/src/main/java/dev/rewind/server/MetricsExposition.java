package dev.rewind.server;

import dev.rewind.storage.OperationMetrics;
import dev.rewind.storage.StorageMetrics;
import dev.rewind.storage.StorageOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the server's metrics in the Prometheus text exposition format 0.0.4, by hand (no client library: a dozen
 * gauge and counter families do not justify one). Rules followed: one {@code # HELP} and {@code # TYPE} line per
 * family, samples of a family together, label values escaped ({@code \\}, {@code \"}, {@code \n}), counters end in
 * {@code _total}, times in seconds since the epoch, ages in seconds at scrape time (injected clock).
 *
 * <p>Families (all {@code rewind_}): {@link #FAMILIES}. A gauge is absent for a check that has not produced the value
 * yet (e.g. no successful verification), so {@code absent()} alerts work.
 */
public final class MetricsExposition {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Every family this class writes; the deploy manifest test checks PrometheusRule expressions against it. */
    public static final java.util.List<String> FAMILIES = java.util.List.of(
            "rewind_build_info",
            "rewind_verification_last_success_timestamp_seconds",
            "rewind_verification_last_run_timestamp_seconds",
            "rewind_verification_healthy",
            "rewind_verification_findings",
            "rewind_verification_duration_seconds",
            "rewind_verification_runs_total",
            "rewind_snapshot_newest_age_seconds",
            "rewind_barman_window_start_timestamp_seconds",
            "rewind_barman_window_end_timestamp_seconds",
            "rewind_barman_newest_wal_age_seconds",
            "rewind_storage_requests_total",
            "rewind_drill_last_success_timestamp_seconds",
            "rewind_drill_last_outcome",
            "rewind_drill_restore_seconds",
            "rewind_drill_files",
            "rewind_drill_bytes",
            "rewind_discovery_healthy",
            "rewind_discovery_last_success_timestamp_seconds",
            "rewind_discovery_failures_total",
            "rewind_discovery_targets",
            "rewind_discovery_skipped_targets");

    private MetricsExposition() {
    }

    public static String render(Verifications v) {
        StringBuilder out = new StringBuilder(4096);
        Instant now = v.clock().instant();
        var rows = v.rows();

        family(out, "rewind_build_info", "gauge", "Always 1; the version label names the running server.");
        sample(out, "rewind_build_info", "version", v.version(), 1);

        family(out, "rewind_verification_last_success_timestamp_seconds", "gauge",
                "When the newest healthy run of the check finished (seconds since the epoch).");
        for (var row : rows) {
            row.lastHealthyRun().ifPresent(run -> sample(out, "rewind_verification_last_success_timestamp_seconds",
                    "target", row.target().value(), "check", row.kind().label(), seconds(run.finishedAt())));
        }
        family(out, "rewind_verification_last_run_timestamp_seconds", "gauge",
                "When the newest run of the check finished, whatever its outcome.");
        for (var row : rows) {
            row.lastRun().ifPresent(run -> sample(out, "rewind_verification_last_run_timestamp_seconds",
                    "target", row.target().value(), "check", row.kind().label(), seconds(run.finishedAt())));
        }
        family(out, "rewind_verification_healthy", "gauge",
                "1 when the newest run of the check was healthy, 0 when it failed or could not run.");
        for (var row : rows) {
            row.lastRun().ifPresent(run -> sample(out, "rewind_verification_healthy", "target",
                    row.target().value(), "check", row.kind().label(), run.outcome().healthy() ? 1 : 0));
        }
        family(out, "rewind_verification_findings", "gauge", "Findings of the newest run of the check by severity.");
        for (var row : rows) {
            row.lastRun().ifPresent(run -> {
                for (FindingSeverity severity : FindingSeverity.values()) {
                    long count = run.count(severity);
                    sample(out, "rewind_verification_findings", "target", row.target().value(), "check",
                            row.kind().label(), "severity", severity.label(), count);
                }
            });
        }
        family(out, "rewind_verification_duration_seconds", "gauge", "How long the newest run of the check took.");
        for (var row : rows) {
            row.lastRun().ifPresent(run -> sample(out, "rewind_verification_duration_seconds", "target",
                    row.target().value(), "check", row.kind().label(), run.duration().toNanos() / 1e9));
        }
        family(out, "rewind_verification_runs_total", "counter", "Runs of the check since start by outcome.");
        for (var row : rows) {
            for (Outcome outcome : Outcome.values()) {
                sample(out, "rewind_verification_runs_total", "target", row.target().value(), "check",
                        row.kind().label(), "outcome", outcome.label(),
                        v.runs().count(row.target(), row.kind(), outcome));
            }
        }
        family(out, "rewind_snapshot_newest_age_seconds", "gauge",
                "Age of the newest complete Kopia snapshot (the oldest such across the repository's sources) as "
                        + "seen by the newest run.");
        for (var row : rows) {
            newest(row, run -> run.observations().newestSnapshotAt()).ifPresent(at -> sample(out,
                    "rewind_snapshot_newest_age_seconds", "target", row.target().value(), age(now, at)));
        }
        family(out, "rewind_barman_window_start_timestamp_seconds", "gauge",
                "Earliest point-in-time recovery target of the Barman archive.");
        for (var row : rows) {
            newest(row, run -> run.observations().windowStartAt()).ifPresent(at -> sample(out,
                    "rewind_barman_window_start_timestamp_seconds", "target", row.target().value(), seconds(at)));
        }
        family(out, "rewind_barman_window_end_timestamp_seconds", "gauge",
                "Latest point-in-time recovery target of the Barman archive.");
        for (var row : rows) {
            newest(row, run -> run.observations().windowEndAt()).ifPresent(at -> sample(out,
                    "rewind_barman_window_end_timestamp_seconds", "target", row.target().value(), seconds(at)));
        }
        family(out, "rewind_barman_newest_wal_age_seconds", "gauge", "Age of the newest archived WAL segment.");
        for (var row : rows) {
            newest(row, run -> run.observations().newestWalAt()).ifPresent(at -> sample(out,
                    "rewind_barman_newest_wal_age_seconds", "target", row.target().value(), age(now, at)));
        }
        family(out, "rewind_storage_requests_total", "counter",
                "Object storage requests by operation (find, read, list) and result (success, failure).");
        StorageMetrics storage = v.meter().snapshot();
        for (StorageOperation op : StorageOperation.values()) {
            OperationMetrics m = storage.of(op);
            String operation = op.name().toLowerCase(Locale.ROOT);
            sample(out, "rewind_storage_requests_total", "operation", operation, "result", "success",
                    Math.max(0, m.requests() - m.failures()));
            sample(out, "rewind_storage_requests_total", "operation", operation, "result", "failure", m.failures());
        }
        DrillMetrics.append(out, v.drills());
        discovery(out, v.discovery());
        return out.toString();
    }

    /** Samples only with a cluster configured: the state of discovery (which keeps the last known targets). */
    private static void discovery(StringBuilder out, Optional<DiscoveryStatus> status) {
        family(out, "rewind_discovery_healthy", "gauge",
                "1 when the newest cluster discovery succeeded, 0 when it failed (the last known targets are kept).");
        status.filter(d -> d.lastAttemptAt().isPresent())
                .ifPresent(d -> sample(out, "rewind_discovery_healthy", d.healthy() ? 1 : 0));
        family(out, "rewind_discovery_last_success_timestamp_seconds", "gauge",
                "When cluster discovery last succeeded.");
        status.flatMap(DiscoveryStatus::lastSuccessAt).ifPresent(at -> sample(out,
                "rewind_discovery_last_success_timestamp_seconds", seconds(at)));
        family(out, "rewind_discovery_failures_total", "counter", "Failed cluster discoveries since start.");
        status.ifPresent(d -> sample(out, "rewind_discovery_failures_total", d.failures()));
        family(out, "rewind_discovery_targets", "gauge", "Targets found by the last successful discovery by type.");
        status.ifPresent(d -> {
            sample(out, "rewind_discovery_targets", "type", "app", d.apps());
            sample(out, "rewind_discovery_targets", "type", "archive", d.archives());
        });
        family(out, "rewind_discovery_skipped_targets", "gauge",
                "Apps and clusters the last successful discovery could not turn into targets (see /readyz).");
        status.ifPresent(d -> sample(out, "rewind_discovery_skipped_targets", d.problems().size()));
    }

    private static Optional<Instant> newest(Verifications.CheckRow row,
                                            java.util.function.Function<Run, Optional<Instant>> value) {
        return row.lastRun().flatMap(value);
    }

    static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {@code labels} alternate names and values; the last element is the value. */
    static void sample(StringBuilder out, String name, Object... labelsAndValue) {
        out.append(name);
        int labels = labelsAndValue.length - 1;
        if (labels > 0) {
            out.append('{');
            for (int i = 0; i < labels; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labelsAndValue[i]).append("=\"").append(escape(labelsAndValue[i + 1].toString()))
                        .append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(labelsAndValue[labels])).append('\n');
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return value.toString();
    }

    static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    private static double age(Instant now, Instant at) {
        return Math.max(0, Duration.between(at, now).toNanos() / 1e9);
    }
}
