package dev.rewind.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.snapshot.SnapshotId;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SnapshotStats;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetentionCoverageTest {
    private static final SourceInfo SOURCE = SourceInfo.parse("app@ns:/data");
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z"); // a Monday

    private static SnapshotManifest snapshot(int n, Instant startAt, boolean complete) {
        return new SnapshotManifest(SnapshotId.parse(String.format("%032x", n)), SOURCE, "", startAt,
                startAt.plusSeconds(60), SnapshotStats.empty(),
                complete ? Optional.empty() : Optional.of("checkpoint"), Optional.empty(), Map.of(), List.of());
    }

    private static List<SnapshotManifest> daily(int days, int... skipped) {
        return IntStream.range(0, days)
                .filter(d -> IntStream.of(skipped).noneMatch(s -> s == d))
                .mapToObj(d -> snapshot(d + 1, NOW.minus(Duration.ofDays(d)).minusSeconds(3600), true))
                .sorted(Comparator.comparing(SnapshotManifest::startAt).reversed())
                .toList();
    }

    @Test
    void periodsAreUtcHoursDaysIsoWeeksMonthsAndYears() {
        Instant t = Instant.parse("2026-01-01T05:30:00Z"); // a Thursday in ISO week 2026-W01
        assertThat(RetentionGranularity.HOURLY.periodName(RetentionGranularity.HOURLY.periodStart(t)))
                .isEqualTo("2026-01-01T05");
        assertThat(RetentionGranularity.WEEKLY.periodStart(t)).isEqualTo(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(RetentionGranularity.WEEKLY.periodName(RetentionGranularity.WEEKLY.periodStart(t)))
                .isEqualTo("2026-W01");
        assertThat(RetentionGranularity.MONTHLY.previousPeriodStart(RetentionGranularity.MONTHLY.periodStart(t)))
                .isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(RetentionGranularity.YEARLY.periodName(t)).isEqualTo("2026");
    }

    @Test
    void fullDailyCoverageHasNoGap() {
        assertThat(RetentionCoverage.check(SOURCE, daily(10), new VerifyPolicy.RetainPolicy(0, 7, 0, 0, 0),
                Optional.of(Duration.ofDays(1)), NOW)).isEmpty();
    }

    @Test
    void missingAndIncompleteDaysAreGapsButTheCurrentDayIsExcused() {
        var snapshots = new java.util.ArrayList<>(daily(10, 0, 2));
        snapshots.add(snapshot(99, NOW.minus(Duration.ofDays(4)).minusSeconds(60), false));
        snapshots.removeIf(s -> s.startAt().equals(NOW.minus(Duration.ofDays(4)).minusSeconds(3600)));
        snapshots.sort(Comparator.comparing(SnapshotManifest::startAt).reversed());

        var findings = RetentionCoverage.check(SOURCE, snapshots, new VerifyPolicy.RetainPolicy(0, 7, 0, 0, 0),
                Optional.of(Duration.ofDays(1)), NOW);

        assertThat(findings).singleElement().isInstanceOfSatisfying(Finding.RetentionGap.class, g -> {
            assertThat(g.missing()).isEqualTo(2); // day 2 skipped, day 4 only incomplete; today (day 0) excused
            assertThat(g.newestMissing()).isEqualTo("2026-11-28");
        });
    }

    @Test
    void aYoungSourceIsNotExpectedToHaveHistoryAndFinerGranularitiesThanTheIntervalAreSkipped() {
        var findings = RetentionCoverage.check(SOURCE, daily(3), new VerifyPolicy.RetainPolicy(24, 7, 4, 12, 2),
                Optional.of(Duration.ofDays(1)), NOW);
        assertThat(findings).isEmpty();
    }
}
