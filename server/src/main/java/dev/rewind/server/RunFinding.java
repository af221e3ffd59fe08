package dev.rewind.server;

import java.util.Objects;

/**
 * One finding of a run, flattened from {@code dev.rewind.verify.Finding} or {@code dev.rewind.barman.BarmanFinding}
 * for the API, the status page and metrics.
 *
 * @param subject what the finding is about (a Kopia source, a backup id, a WAL range)
 * @param kind a short stable type name ({@code stale-backup}, {@code WalMissing}, …)
 */
public record RunFinding(FindingSeverity severity, String kind, String subject, String reason) {
    public RunFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
    }
}
