package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies a snapshot of a real archive written by barman-cli-cloud 3.4 and PostgreSQL 15 ({@code --wal-segsize=1},
 * gzip WAL, two backups, a promotion to timeline 2), captured from {@link BarmanCloudArchiveIT}. backup.info,
 * history and backup-label objects hold barman's real bytes; segments and tars are placeholders (their contents are
 * never read); {@code listing.txt} restores every object's real modification time. Runs without PostgreSQL.
 */
class RealBarmanArchiveTest {
    @TempDir
    Path tmp;

    private Path archive;
    private final Map<String, Instant> modifiedAt = new HashMap<>();
    private DirectoryTreeBlobStore store;

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/barman/real-archive/listing.txt").toURI()).getParent();
        archive = tmp.resolve("archive");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = archive.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path listing = archive.resolve("listing.txt");
        for (String line : Files.readAllLines(listing)) {
            String[] parts = line.split(" ");
            modifiedAt.put(parts[0], Instant.parse(parts[2]));
            Files.setLastModifiedTime(archive.resolve(parts[0]), FileTime.from(Instant.parse(parts[2])));
        }
        Files.delete(listing);
        store = new DirectoryTreeBlobStore(archive);
    }

    private BarmanReport verify() {
        Instant newest = modifiedAt.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        Clock clock = Clock.fixed(newest.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        return new BarmanVerifier(BarmanPolicy.defaults(), clock).verify(BarmanArchive.open(store, "").getServer("pg"));
    }

    @Test
    void realBackupInfoIsParsed() {
        List<BaseBackup> backups = BarmanArchive.open(store, "").getServer("pg").backups();
        assertThat(backups).hasSize(2);
        BackupInfo info = backups.get(0).info().orElseThrow();
        assertThat(info.status()).isEqualTo(BackupStatus.DONE);
        assertThat(info.segmentSize()).isEqualTo(WalSegmentSize.ofMebibytes(1));
        assertThat(info.postgresVersion().orElseThrow()).isBetween(150000, 159999);
        assertThat(info.field("server_name")).contains("cloud");
        assertThat(info.field("copy_stats").orElseThrow()).startsWith("{'total_time': ");
        assertThat(info.backupLabel().orElseThrow()).contains("BACKUP FROM: primary\n")
                .contains("LABEL: Barman backup cloud " + backups.get(0).id());
        assertThat(info.beginLsn().orElseThrow().segment(info.timeline(), info.segmentSize()))
                .isEqualTo(info.beginWal().orElseThrow());
        assertThat(info.systemId()).isEqualTo(backups.get(1).info().orElseThrow().systemId());
        assertThat(backups.get(0).hasData()).isTrue();
    }

    @Test
    void realArchiveVerifiesAcrossTheTimelineSwitch() {
        BarmanReport report = verify();
        assertThat(report.findings()).noneMatch(f -> f.severity() != Severity.INFO);
        assertThat(report.backups()).allSatisfy(v -> {
            assertThat(v.restorable()).isTrue();
            assertThat(v.chain().orElseThrow().hops()).extracting(TimelineHop::fromTimeline, TimelineHop::toTimeline)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2L));
        });
        RecoveryWindow window = report.window().orElseThrow();
        BaseBackup first = report.backups().get(0).backup();
        assertThat(window.earliestAt()).isEqualTo(first.endAt().orElseThrow());
        assertThat(window.lastSegment().timeline()).isEqualTo(2);
        String lastKey = "pg/wals/" + window.lastSegment().hashDir() + "/" + window.lastSegment() + ".gz";
        assertThat(window.latestAt()).isEqualTo(modifiedAt.get(lastKey));
        assertThat(report.recoverabilityAt(first.endAt().orElseThrow().plusSeconds(1)))
                .isInstanceOfSatisfying(Recoverability.Recoverable.class,
                        r -> assertThat(r.backupId()).isEqualTo(first.id()));
    }

    @Test
    void deletingARealSegmentIsNamedExactly() throws IOException {
        BaseBackup second = BarmanArchive.open(store, "").getServer("pg").backups().get(1);
        WalName victim = second.info().orElseThrow().beginWal().orElseThrow()
                .previous(WalSegmentSize.ofMebibytes(1));
        Files.delete(archive.resolve("pg/wals/" + victim.hashDir() + "/" + victim + ".gz"));
        BarmanReport report = verify();
        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                .singleElement().isInstanceOfSatisfying(BarmanFinding.WalMissing.class,
                        f -> assertThat(f.missing()).isEqualTo(WalRange.single(victim)));
        assertThat(report.window().orElseThrow().earliestBackup()).isEqualTo(second.id());
    }
}
