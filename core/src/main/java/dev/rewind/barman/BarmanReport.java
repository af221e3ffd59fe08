package dev.rewind.barman;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The result of verifying one server of a Barman Cloud archive: every backup with its verdict (ordered by id), the
 * recovery window, the newest archived WAL and the findings.
 */
public record BarmanReport(String server, WalSegmentSize segmentSize, List<BackupVerdict> backups,
                           Optional<RecoveryWindow> window, Optional<WalName> lastArchivedWal,
                           Optional<Instant> lastArchivedAt, List<BarmanFinding> findings) {

    public BarmanReport {
        backups = List.copyOf(backups);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public List<BarmanFinding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /**
     * Whether target time {@code t} is recoverable (§4.8): the newest restorable backup that ended at or before T
     * is the candidate; its WAL chain must run gap-free to a segment uploaded at or after T.
     */
    public Recoverability recoverabilityAt(Instant t) {
        Optional<BackupVerdict> candidate = backups.stream()
                .filter(BackupVerdict::restorable)
                .filter(v -> v.backup().endAt().map(end -> !end.isAfter(t)).orElse(false))
                .max(Comparator.comparing((BackupVerdict v) -> v.backup().endAt().orElseThrow()));
        if (candidate.isEmpty()) {
            return new Recoverability.NotRecoverable(t, "no restorable base backup ended at or before " + t
                    + window.map(w -> "; recovery window is " + w.earliestAt() + " .. " + w.latestAt()).orElse(""));
        }
        BackupVerdict verdict = candidate.get();
        WalChain chain = verdict.chain().orElseThrow();
        Instant chainEndAt = chain.endArchivedAt().orElseThrow();
        if (chainEndAt.isBefore(t)) {
            String why = chain.complete()
                    ? "T is after the last archived WAL " + chain.end().orElseThrow() + " (uploaded " + chainEndAt + ")"
                    : "WAL gap " + chain.gaps().get(0) + " after " + chain.end().orElseThrow() + " (uploaded "
                    + chainEndAt + ")";
            return new Recoverability.NotRecoverable(t, why + "; backup " + verdict.backup().id()
                    + " cannot reach " + t);
        }
        return new Recoverability.Recoverable(t, verdict.backup().id(),
                verdict.backup().endAt().orElseThrow().plusSeconds(1), chain.start(), chain.end().orElseThrow(),
                chain.hops());
    }
}
