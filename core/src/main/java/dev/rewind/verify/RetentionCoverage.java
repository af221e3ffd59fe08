package dev.rewind.verify;

import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that the complete snapshots of a source cover the periods a retention policy promises to keep.
 *
 * <p>Kopia's retention keeps, per granularity with count N, the newest snapshot of each of the N most recent
 * periods <em>that contain a snapshot</em>. A missing backup therefore shows up as a period without a snapshot among
 * the N most recent periods. This check examines, for each granularity with N &gt; 0, the N periods ending with the
 * current one (from the injected clock) and reports the periods without a complete snapshot, with three
 * simplifications, stated so that nobody mistakes them for kopia's rules:
 * <ul>
 *   <li>periods are UTC (kopia uses the local zone of the machine applying the policy);</li>
 *   <li>the current period is excused while it has no snapshot yet (it has not ended), and periods that ended before
 *       the source's oldest snapshot are not expected (a young source cannot have history);</li>
 *   <li>a granularity finer than the expected backup interval (the policy's {@code maxAge}; 1 day when unset) is
 *       skipped: {@code hourly: 24} with daily backups keeps 24 distinct hours spread over 24 days, not a gap.</li>
 * </ul>
 */
final class RetentionCoverage {
    private static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);

    private RetentionCoverage() {
    }

    static List<Finding> check(SourceInfo source, List<SnapshotManifest> newestFirst, VerifyPolicy.RetainPolicy retain,
                               Optional<Duration> expectedInterval, Instant now) {
        List<Finding> findings = new ArrayList<>();
        if (newestFirst.isEmpty()) {
            return findings;
        }
        Instant oldestStart = newestFirst.getLast().startAt();
        Duration interval = expectedInterval.orElse(DEFAULT_INTERVAL);
        for (RetentionGranularity g : RetentionGranularity.values()) {
            int count = retain.count(g);
            if (count == 0 || g.shortestPeriod().compareTo(interval) < 0) {
                continue;
            }
            Set<Instant> covered = new HashSet<>();
            newestFirst.stream().filter(SnapshotManifest::isComplete)
                    .forEach(s -> covered.add(g.periodStart(s.startAt())));
            Instant current = g.periodStart(now);
            Instant period = current;
            int examined = 0;
            int missing = 0;
            String newestMissing = null;
            for (int i = 0; i < count; i++, period = g.previousPeriodStart(period)) {
                if (!g.periodEnd(period).isAfter(oldestStart)) {
                    break;
                }
                examined++;
                if (covered.contains(period) || period.equals(current)) {
                    continue;
                }
                missing++;
                if (newestMissing == null) {
                    newestMissing = g.periodName(period);
                }
            }
            if (missing > 0) {
                findings.add(new Finding.RetentionGap(source, g.label(), missing, examined, newestMissing));
            }
        }
        return findings;
    }
}
