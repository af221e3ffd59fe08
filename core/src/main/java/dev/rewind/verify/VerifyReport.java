package dev.rewind.verify;

import dev.rewind.kopia.snapshot.SnapshotId;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Verifier#verify}: one {@link SourceReport} per Kopia source, in the order verified.
 * Findings are data; {@link #hasErrors()} decides the exit code (DESIGN.md §6: 4 when true).
 *
 * @param startedAt when the run started (injected clock)
 * @param duration how long the whole run took
 * @param packCount the number of pack blobs listed
 * @param sources one report per source
 */
public record VerifyReport(Instant startedAt, Duration duration, long packCount, List<SourceReport> sources) {
    public VerifyReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        sources = List.copyOf(sources);
    }

    /** Every finding of every source. */
    public List<Finding> findings() {
        return sources.stream().flatMap(s -> s.findings().stream()).toList();
    }

    /** True when any finding is an {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return sources.stream().anyMatch(SourceReport::hasErrors);
    }

    /** True when any finding is a {@link Severity#WARNING}. */
    public boolean hasWarnings() {
        return findings().stream().anyMatch(f -> f.severity() == Severity.WARNING);
    }

    /**
     * What was verified for one source.
     *
     * @param source the Kopia source ({@code user@host:path})
     * @param snapshotCount how many snapshots the source has (complete or not)
     * @param newestCompleteId the newest complete snapshot — the one a restore of "latest" trusts
     * @param newestCompleteAt its start time
     * @param newestCompleteAge how long ago it started (injected clock)
     * @param snapshotsVerified how many snapshot trees were walked
     * @param contentsChecked distinct contents whose index entry and pack range were checked (structure)
     * @param contentsDecrypted distinct contents read, decrypted and decompressed (directories always; file
     *                          contents as sampled by the verify percentage)
     * @param bytesDecrypted the stored (packed) bytes of those contents
     * @param duration how long this source took
     * @param findings the findings, errors first (at most the policy's maximum per source)
     * @param suppressedFindings findings beyond that maximum, counted but not kept
     */
    public record SourceReport(
            SourceInfo source,
            int snapshotCount,
            Optional<SnapshotId> newestCompleteId,
            Optional<Instant> newestCompleteAt,
            Optional<Duration> newestCompleteAge,
            int snapshotsVerified,
            long contentsChecked,
            long contentsDecrypted,
            long bytesDecrypted,
            Duration duration,
            List<Finding> findings,
            long suppressedFindings) {

        public SourceReport {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(newestCompleteId, "newestCompleteId");
            Objects.requireNonNull(newestCompleteAt, "newestCompleteAt");
            Objects.requireNonNull(newestCompleteAge, "newestCompleteAge");
            Objects.requireNonNull(duration, "duration");
            findings = List.copyOf(findings);
        }

        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        }
    }
}
