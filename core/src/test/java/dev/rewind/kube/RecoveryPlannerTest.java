package dev.rewind.kube;

import static dev.rewind.kube.CnpgFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.cnpg.Manifest;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.pg.RecoveryPlanner;
import dev.rewind.pg.RecoveryRequest;
import dev.rewind.storage.fs.FilesystemBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery manifest for the reference cluster's {@code postgres} (cnpg-barman.md §2.4) over a real barman-cloud
 * archive: pinned backup, explicit source serverName, UTC target, fresh archive serverName, copied spec.
 */
class RecoveryPlannerTest {
    private static final Clock NOW = Clock.fixed(RealArchiveFixture.LATEST.plusSeconds(60), ZoneOffset.UTC);
    private static final String WINDOW = "[2026-11-30T16:50:20.861458Z, 2026-11-30T16:51:20Z]";

    @TempDir
    Path archiveDir;

    private MockCluster cluster;
    private Fabric8ClusterReader reader;
    private Cluster source;
    private ClusterTemplate template;
    private ArchiveLocation location;
    private BarmanArchive archive;
    private BarmanReport report;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        CnpgFixtures.referencePostgres(cluster);
        reader = cluster.reader();
        var control = new Fabric8PostgresControl(reader);
        source = control.findCluster(NS, "postgres").orElseThrow();
        template = control.findClusterTemplate(NS, "postgres").orElseThrow();
        location = new ArchiveLocator(reader).locate(NS, "postgres");
        RealArchiveFixture.writeTo(archiveDir, "postgres");
        archive = location.archive(FilesystemBlobStore.plain(archiveDir));
        report = new BarmanVerifier(BarmanPolicy.defaults(), NOW).verify(archive.getServer("postgres"));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    private RecoveryPlan plan(String target) {
        return plan(new RecoveryRequest(target, Optional.empty(), 1));
    }

    private RecoveryPlan plan(RecoveryRequest request) {
        return new RecoveryPlanner(NOW).plan(source, template, location, archive, report, request);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Test
    void referenceClusterManifestPinsTheBackupAndReadsTheOldServerName() {
        RecoveryPlan plan = plan("2026-11-30T17:50:50+01:00");
        assertThat(plan.newName()).isEqualTo("postgres-pitr-202611301650");
        assertThat(plan.evidence().backupId().value()).isEqualTo(RealArchiveFixture.SECOND_BACKUP);

        Manifest parsed = Manifest.parse(plan.toYaml());
        assertThat(parsed.document()).isEqualTo(plan.manifest().document());
        assertThat(parsed.apiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(parsed.kind()).isEqualTo("Cluster");
        assertThat(parsed.namespace()).isEqualTo(NS);
        Map<String, Object> spec = map(parsed.document().get("spec"));

        Map<String, Object> recovery = map(map(spec.get("bootstrap")).get("recovery"));
        assertThat(recovery).containsEntry("source", "origin").containsEntry("database", "postgres")
                .containsEntry("owner", "postgres").containsEntry("secret", Map.of("name", "postgres-superuser"));
        assertThat(map(recovery.get("recoveryTarget"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "backupID", RealArchiveFixture.SECOND_BACKUP, "targetTime", "2026-11-30T16:50:50Z"));

        Map<String, Object> origin = map(list(spec.get("externalClusters")).get(0));
        assertThat(origin).containsEntry("name", "origin");
        assertThat(map(origin.get("plugin"))).containsEntry("name", "barman-cloud.cloudnative-pg.io");
        assertThat(map(map(origin.get("plugin")).get("parameters"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "barmanObjectName", "postgres-s3-backup", "serverName", "postgres"));

        Map<String, Object> archiving = map(list(spec.get("plugins")).get(0));
        assertThat(archiving).containsEntry("isWALArchiver", true);
        Map<String, Object> newParameters = map(archiving.get("parameters"));
        assertThat(newParameters).containsEntry("barmanObjectName", "postgres-s3-backup")
                .containsEntry("serverName", "postgres-pitr-202611301650");
        assertThat(newParameters.get("serverName")).isNotEqualTo("postgres");

        assertThat(spec).containsEntry("instances", 1)
                .containsEntry("storage", Map.of("size", "20Gi", "storageClass", "ceph-rbd"))
                .containsEntry("superuserSecret", Map.of("name", "postgres-superuser"))
                .containsEntry("enableSuperuserAccess", true)
                .doesNotContainKey("imageName");
        assertThat(map(map(spec.get("postgresql")).get("parameters"))).containsEntry("max_slot_wal_keep_size", "8GB")
                .containsEntry("max_connections", "400").hasSize(13);
        assertThat(list(map(spec.get("postgresql")).get("pg_hba"))).contains("hostssl all all 0.0.0.0/0 scram-sha-256");
        assertThat(map(spec.get("resources"))).containsEntry("limits", Map.of("memory", "4Gi"));
        assertThat(plan.toYaml()).contains("targetTime: \"2026-11-30T16:50:50Z\"")
                .doesNotContain(CnpgFixtures.TEST_SECRET_KEY).doesNotStartWith("---");
    }

    @Test
    void anEarlierTargetPinsTheFirstBackup() {
        RecoveryPlan plan = plan(new RecoveryRequest("2026-11-30T16:50:30Z", Optional.of("pg-before"), 2));
        assertThat(plan.evidence().backupId().value()).isEqualTo(RealArchiveFixture.FIRST_BACKUP);
        assertThat(plan.spec().newServerName()).isEqualTo("pg-before");
        assertThat(map(plan.manifest().document().get("spec"))).containsEntry("instances", 2);
    }

    @Test
    void aTargetWithoutOffsetIsUtc() {
        assertThat(plan("2026-11-30 16:50:50").spec().targetTime()).isEqualTo("2026-11-30T16:50:50Z");
    }

    @Test
    void aFutureTargetIsInvalidInput() {
        assertThatThrownBy(() -> plan("2026-11-30T17:00:00Z")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("future").contains("2026-11-30T17:00:00Z");
        });
    }

    @Test
    void aMalformedTargetIsInvalidInput() {
        assertThatThrownBy(() -> plan("yesterday")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("'yesterday'");
        });
    }

    @Test
    void targetsOutsideTheWindowAreNotFoundAndPrintTheWindow() {
        for (String target : List.of("2026-11-30T16:50:00Z", "2026-11-30T16:52:00Z")) {
            assertThatThrownBy(() -> plan(target)).isInstanceOfSatisfying(RewindException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).contains(WINDOW).contains(target).doesNotContain("\n");
            });
        }
    }

    @Test
    void anOccupiedArchiveFolderGetsASuffix() throws IOException {
        Path taken = archiveDir.resolve("postgres-pitr-202611301650/wals/00000001.history");
        Files.createDirectories(taken.getParent());
        Files.writeString(taken, "x");
        RecoveryPlan plan = plan("2026-11-30T16:50:50Z");
        assertThat(plan.newName()).isEqualTo("postgres-pitr-202611301650");
        assertThat(plan.spec().newServerName()).isEqualTo("postgres-pitr-202611301650-r202611301652");
    }

    @Test
    void theSourceNameAndMalformedNamesAreRefused() {
        for (String name : List.of("postgres", "Bad_Name", "-x")) {
            assertThatThrownBy(() -> plan(new RecoveryRequest("2026-11-30T16:50:50Z", Optional.of(name), 1)))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains(name);
                    });
        }
    }
}
