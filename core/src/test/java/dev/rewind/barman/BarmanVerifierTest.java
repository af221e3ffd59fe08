package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarmanVerifierTest {
    private static final WalName B1_BEGIN = WalName.parse("0000000100000000000000F0");

    private final BarmanFixture fx = new BarmanFixture();

    private BarmanReport verify() {
        return new BarmanVerifier(BarmanPolicy.defaults(), fx.clock).verify(fx.server());
    }

    /** Backup 1 at F0..F1, 40 segments across the log boundary, backup 2, then 5 more segments. */
    private void healthyArchive() {
        Instant t0 = fx.clock.instant();
        fx.segments(B1_BEGIN, 2);
        fx.backup("20260821T000000", "DONE", B1_BEGIN, B1_BEGIN.next(fx.size), t0, t0.plusSeconds(90));
        fx.segments(WalName.parse("0000000100000000000000F2"), 38);
        Instant t1 = fx.clock.instant();
        fx.segments(WalName.parse("000000010000000100000018"), 2);
        fx.backup("20260821T004000", "DONE", WalName.parse("000000010000000100000018"),
                WalName.parse("000000010000000100000019"), t1, t1.plusSeconds(90));
        fx.segments(WalName.parse("00000001000000010000001A"), 5);
    }

    @Test
    void healthyArchiveHasNoFindingsAndAFullWindow() {
        healthyArchive();
        BarmanReport report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        assertThat(report.backups()).extracting(BackupVerdict::restorable).containsExactly(true, true);
        RecoveryWindow window = report.window().orElseThrow();
        assertThat(window.earliestBackup()).isEqualTo(BackupId.of("20260821T000000"));
        assertThat(window.earliestAt()).isEqualTo(BarmanFixture.START.plusSeconds(90));
        assertThat(window.lastSegment()).hasToString("00000001000000010000001E");
        assertThat(window.latestAt()).isEqualTo(BarmanFixture.START.plus(Duration.ofMinutes(47)));
        assertThat(report.lastArchivedWal()).contains(WalName.parse("00000001000000010000001E"));
        assertThat(report.lastArchivedAt()).contains(window.latestAt());
    }

    @Test
    void missingSegmentsAreNamedExactlyAndBreakTheWindow() {
        healthyArchive();
        fx.delete(WalName.parse("0000000100000000000000FF"), WalCompression.GZIP);
        fx.delete(WalName.parse("000000010000000100000000"), WalCompression.GZIP);
        fx.delete(WalName.parse("000000010000000100000001"), WalCompression.GZIP);
        BarmanReport report = verify();
        var gaps = report.findings().stream().filter(f -> f instanceof BarmanFinding.WalMissing)
                .map(f -> (BarmanFinding.WalMissing) f).toList();
        assertThat(gaps).hasSize(1);
        WalRange gap = gaps.get(0).missing();
        assertThat(gap.names(fx.size).map(WalName::toString)).containsExactly("0000000100000000000000FF",
                "000000010000000100000000", "000000010000000100000001");
        assertThat(gaps.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(gaps.get(0).subject()).isEqualTo("0000000100000000000000FF..000000010000000100000001 (3 segments)");
        assertThat(gaps.get(0).neededBy()).isEqualTo(BackupId.of("20260821T000000"));
        assertThat(report.hasErrors()).isTrue();
        // the first backup is still restorable (its own range is intact) but its chain ends before the gap
        assertThat(report.window().orElseThrow().earliestBackup()).isEqualTo(BackupId.of("20260821T004000"));
        Recoverability early = report.recoverabilityAt(BarmanFixture.START.plus(Duration.ofMinutes(10)));
        assertThat(early).isInstanceOf(Recoverability.Recoverable.class);
        assertThat(((Recoverability.Recoverable) early).backupId()).isEqualTo(BackupId.of("20260821T000000"));
        Recoverability inGap = report.recoverabilityAt(BarmanFixture.START.plus(Duration.ofMinutes(20)));
        assertThat(inGap).isInstanceOf(Recoverability.NotRecoverable.class);
        assertThat(((Recoverability.NotRecoverable) inGap).reason()).contains("0000000100000000000000FF");
    }

    @Test
    void aGapSeenFromSeveralBackupsIsReportedOnce() {
        healthyArchive();
        WalRange.of(1, WalName.parse("0000000100000000000000F8").segmentNumber(fx.size),
                        WalName.parse("000000010000000100000018").segmentNumber(fx.size), fx.size)
                .names(fx.size).forEach(n -> fx.delete(n, WalCompression.GZIP));
        BarmanReport report = verify();
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.WalMissing).singleElement()
                .satisfies(f -> assertThat(f.subject())
                        .isEqualTo("0000000100000000000000F8..000000010000000100000018 (33 segments)"));
        assertThat(report.backups()).extracting(BackupVerdict::restorable).containsExactly(true, false);
        assertThat(report.window().orElseThrow().lastSegment()).hasToString("0000000100000000000000F7");
    }

    @Test
    void recoverabilityPinsTheNewestBackupBeforeT() {
        healthyArchive();
        BarmanReport report = verify();
        var answer = (Recoverability.Recoverable) report.recoverabilityAt(
                BarmanFixture.START.plus(Duration.ofMinutes(45)));
        assertThat(answer.backupId()).isEqualTo(BackupId.of("20260821T004000"));
        assertThat(answer.firstWal()).hasToString("000000010000000100000018");
        assertThat(answer.walUntil()).hasToString("00000001000000010000001E");
        assertThat(report.recoverabilityAt(BarmanFixture.START.plusSeconds(30)))
                .isInstanceOf(Recoverability.NotRecoverable.class);
        assertThat(((Recoverability.NotRecoverable) report.recoverabilityAt(
                BarmanFixture.START.plus(Duration.ofHours(2)))).reason()).contains("after the last archived WAL");
    }

    @Test
    void timelineSwitchIsFollowedThroughTheHistoryFile() {
        Instant t0 = fx.clock.instant();
        WalName begin = WalName.parse("000000010000000000000010");
        fx.segments(begin, 6); // 10..15 on timeline 1
        fx.backup("20260821T000000", "DONE", begin, begin.next(fx.size), t0, t0.plusSeconds(60));
        // timeline 2 branched at 0/14000120: 10..13 from tli 1, 14.. from tli 2; tli 1's 14, 15 are abandoned
        fx.partial(WalName.parse("000000010000000000000016"));
        fx.history(2, "1\t0/14000120\tno recovery target specified\n", WalCompression.ZSTD);
        fx.segments(WalName.parse("000000020000000000000014"), 4);
        BarmanReport report = verify();
        assertThat(report.findings()).allMatch(f -> f.severity() == Severity.INFO);
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(BarmanFinding.AbandonedBranch.class,
                f -> assertThat(f.segments()).hasToString("000000010000000000000014..000000010000000000000015 (2 segments)"));
        WalChain chain = report.backups().get(0).chain().orElseThrow();
        assertThat(chain.targetTimeline()).isEqualTo(2);
        assertThat(chain.hops()).containsExactly(new TimelineHop(1, 2, Lsn.parse("0/14000120")));
        assertThat(report.window().orElseThrow().lastSegment()).hasToString("000000020000000000000017");

        fx.delete(WalName.parse("000000010000000000000013"), WalCompression.GZIP);
        fx.delete(WalName.parse("000000020000000000000015"), WalCompression.GZIP);
        assertThat(verify().findings()).filteredOn(f -> f instanceof BarmanFinding.WalMissing)
                .extracting(BarmanFinding::subject)
                .containsExactly("000000010000000000000013", "000000020000000000000015");
    }

    @Test
    void freshlyPromotedTimelineWithoutSegmentsIsNoGap() {
        Instant t0 = fx.clock.instant();
        WalName begin = WalName.parse("000000010000000000000010");
        fx.segments(begin, 4); // 10..13
        fx.backup("20260821T000000", "DONE", begin, begin.next(fx.size), t0, t0.plusSeconds(60));
        fx.history(2, "1\t0/14000120\tno recovery target specified\n", WalCompression.GZIP);
        BarmanReport report = verify();
        assertThat(report.findings()).isEmpty();
        WalChain chain = report.backups().get(0).chain().orElseThrow();
        assertThat(chain.targetTimeline()).isEqualTo(2);
        assertThat(chain.end()).contains(WalName.parse("000000010000000000000013"));
        assertThat(chain.lastSegment()).hasToString("000000010000000000000013");
    }

    @Test
    void missingHistoryIsAnError() {
        Instant t0 = fx.clock.instant();
        WalName begin = WalName.parse("000000010000000000000010");
        fx.segments(begin, 3);
        fx.backup("20260821T000000", "DONE", begin, begin.next(fx.size), t0, t0.plusSeconds(60));
        fx.segments(WalName.parse("000000020000000000000012"), 2);
        BarmanReport report = verify();
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.HistoryMissing)
                .singleElement().extracting(BarmanFinding::subject).isEqualTo("00000002.history");
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void failedAndCrashedBackupsAreFlaggedButDoNotCount() {
        healthyArchive();
        Instant t = fx.clock.instant();
        fx.backup("20260821T010000", "FAILED", WalName.parse("00000001000000010000001E"),
                WalName.parse("00000001000000010000001E"), t, t.plusSeconds(5));
        fx.store.put("pg/base/20260821T020000/data.tar.bz2", new byte[] {1});
        fx.store.put("pg/base/not-a-backup/x", new byte[] {1});
        fx.clock.advance(Duration.ofHours(7));
        BarmanReport report = verify();
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.BackupNotDone).singleElement()
                .satisfies(f -> {
                    assertThat(f.subject()).isEqualTo("20260821T010000");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.reason()).contains("FAILED").contains("failure uploading data");
                });
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.BackupInfoMissing).singleElement()
                .satisfies(f -> {
                    assertThat(f.subject()).isEqualTo("20260821T020000");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                });
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.InvalidBackupDirectory)
                .extracting(BarmanFinding::subject).containsExactly("not-a-backup");
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.WalTooOld).hasSize(1);
        assertThat(report.backups()).extracting(BackupVerdict::restorable).containsExactly(true, true, false, false);
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void oldBackupAndNoBackupAreErrors() {
        healthyArchive();
        fx.clock.advance(Duration.ofHours(30));
        assertThat(verify().findings()).filteredOn(f -> f instanceof BarmanFinding.BackupTooOld).singleElement()
                .extracting(BarmanFinding::subject).isEqualTo("20260821T004000");

        var empty = new BarmanFixture();
        empty.segments(B1_BEGIN, 3);
        BarmanReport report = new BarmanVerifier(BarmanPolicy.defaults(), empty.clock).verify(empty.server());
        assertThat(report.findings()).hasAtLeastOneElementOfType(BarmanFinding.NoUsableBackup.class);
        assertThat(report.window()).isEmpty();
    }

    @Test
    void endWalNotYetArchivedIsInfoWithinGraceThenError() {
        Instant t0 = fx.clock.instant();
        fx.segments(B1_BEGIN, 1);
        fx.backup("20260821T000000", "DONE", B1_BEGIN, B1_BEGIN.next(fx.size), t0, fx.clock.instant());
        fx.clock.advance(Duration.ofMinutes(2));
        BarmanReport early = verify();
        assertThat(early.findings()).filteredOn(f -> f instanceof BarmanFinding.WalMissing).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.subject()).isEqualTo("0000000100000000000000F1");
                });
        assertThat(early.backups().get(0).restorable()).isFalse();
        fx.clock.advance(Duration.ofMinutes(20));
        assertThat(verify().findings()).filteredOn(f -> f instanceof BarmanFinding.WalMissing).singleElement()
                .extracting(BarmanFinding::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void partialSegmentsAreNotGapsAndDuplicatesAreInfo() {
        healthyArchive();
        fx.partial(WalName.parse("00000001000000010000001F"));
        fx.segments(WalName.parse("000000010000000100000010"), 1, WalCompression.ZSTD);
        fx.store.put("pg/wals/0000000100000001/garbage.txt", new byte[] {1});
        fx.store.put("pg/wals/0000000100000001/000000010000000100000030.gz", new byte[0]);
        BarmanReport report = verify();
        assertThat(report.findings()).extracting(f -> f.getClass().getSimpleName() + ":" + f.subject())
                .containsExactlyInAnyOrder(
                        "WalObjectAnomaly:pg/wals/0000000100000001/garbage.txt",
                        "WalObjectAnomaly:pg/wals/0000000100000001/000000010000000100000030.gz",
                        "WalObjectAnomaly:pg/wals/0000000100000001/000000010000000100000010.zst",
                        "WalMissing:00000001000000010000001F..00000001000000010000002F (17 segments)");
    }

    @Test
    void oneMebibyteSegmentsWrapAtFff() {
        var small = new BarmanFixture("db", WalSegmentSize.ofMebibytes(1));
        Instant t0 = small.clock.instant();
        WalName begin = WalName.parse("000000010000000000000FFE");
        small.segments(begin, 5);
        small.backup("20260821T000000", "DONE", begin, begin.next(small.size), t0, t0.plusSeconds(30));
        BarmanReport report = new BarmanVerifier(BarmanPolicy.defaults(), small.clock).verify(small.server());
        assertThat(report.segmentSize()).isEqualTo(WalSegmentSize.ofMebibytes(1));
        assertThat(report.findings()).isEmpty();
        assertThat(report.lastArchivedWal()).contains(WalName.parse("000000010000000100000002"));
    }

    @Test
    void unreadableBackupInfoIsAnErrorNamingTheBlob() {
        healthyArchive();
        fx.store.put("pg/base/20260821T030000/backup.info", "timeline=1\n".getBytes(StandardCharsets.UTF_8));
        BarmanReport report = verify();
        assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.BackupInfoUnreadable)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.reason()).contains("pg/base/20260821T030000/backup.info");
                });
    }

    @Test
    void serversAreDiscoveredUnderAPrefix() {
        healthyArchive();
        var prefixed = new dev.rewind.storage.InMemoryBlobStore(fx.clock);
        fx.store.snapshot().forEach((id, bytes) -> prefixed.put("a/b/" + id.value(), bytes));
        prefixed.put("a/b/other/wals/00000001.history", new byte[] {1});
        prefixed.put("a/b/nested/x/y", new byte[] {1});
        BarmanArchive archive = BarmanArchive.open(prefixed, "a/b");
        assertThat(archive.servers()).isEqualTo(List.of("other", "pg"));
        assertThat(archive.getServer("pg").backups()).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> archive.getServer("nope"))
                .hasMessageContaining("nope")
                .extracting(e -> ((dev.rewind.error.RewindException) e).reason())
                .isEqualTo(dev.rewind.error.Reason.NOT_FOUND);
    }
}
