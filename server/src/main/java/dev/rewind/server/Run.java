package dev.rewind.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished check run.
 *
 * @param error why the check could not run, when {@code outcome} is {@link Outcome#ERROR} (one line, no secrets)
 * @param suppressedFindings findings not kept (beyond {@link CheckRunner#MAX_FINDINGS_KEPT})
 */
public record Run(RunId id, TargetName target, CheckKind kind, Instant startedAt, Duration duration, Outcome outcome,
                  List<RunFinding> findings, long suppressedFindings, Optional<String> error,
                  Observations observations) {
    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        findings = List.copyOf(findings);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(observations, "observations");
    }

    public Instant finishedAt() {
        return startedAt.plus(duration);
    }

    /** How many kept findings have this severity. */
    public long count(FindingSeverity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
