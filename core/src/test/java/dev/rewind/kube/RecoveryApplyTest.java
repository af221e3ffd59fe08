package dev.rewind.kube;

import static dev.rewind.kube.CnpgFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.pg.PgBackup;
import dev.rewind.pg.Poller;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.pg.RecoveryExecutor;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.pg.RecoveryPlanner;
import dev.rewind.pg.RecoveryRequest;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.fs.FilesystemBlobStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rewind pg restore --apply} against a simulated CNPG: create, wait for healthy, first backup. */
class RecoveryApplyTest {
    private static final dev.rewind.pg.WaitPolicy HEALTHY = new dev.rewind.pg.WaitPolicy(Duration.ofSeconds(10),
            Duration.ofMinutes(30));
    private static final dev.rewind.pg.WaitPolicy BACKED_UP = new dev.rewind.pg.WaitPolicy(Duration.ofSeconds(10),
            Duration.ofMinutes(30));

    @TempDir
    Path archiveDir;

    private MockCluster cluster;
    private Fabric8ClusterReader reader;
    private ManualClock clock;
    private SimulatedCnpg cnpg;
    private RecoveryExecutor executor;
    private RecoveryPlan plan;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        CnpgFixtures.referencePostgres(cluster);
        reader = cluster.reader();
        clock = new ManualClock(RealArchiveFixture.LATEST.plusSeconds(60));
        cnpg = new SimulatedCnpg(cluster.client(), clock);
        var control = new Fabric8PostgresControl(reader);
        Poller poller = new Poller(clock, d -> {
            clock.advance(d);
            cnpg.step();
        });
        executor = new RecoveryExecutor(control, new PgBackup(control, poller), poller);

        ArchiveLocation location = new ArchiveLocator(reader).locate(NS, "postgres");
        RealArchiveFixture.writeTo(archiveDir, "postgres");
        BarmanArchive archive = location.archive(FilesystemBlobStore.plain(archiveDir));
        var report = new BarmanVerifier(BarmanPolicy.defaults(), clock).verify(archive.getServer("postgres"));
        plan = new RecoveryPlanner(clock).plan(control.findCluster(NS, "postgres").orElseThrow(),
                control.findClusterTemplate(NS, "postgres").orElseThrow(), location, archive, report,
                new RecoveryRequest("2026-11-30T16:50:50Z", Optional.of("postgres-pitr"), 1));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    @Test
    void appliedRecoveryBecomesHealthyAndIsBackedUp() {
        RecoveryExecutor.RecoveryOutcome outcome = executor.apply(plan, HEALTHY, BACKED_UP);
        assertThat(outcome.cluster().name()).isEqualTo("postgres-pitr");
        assertThat(outcome.cluster().status().phase()).contains("Cluster in healthy state");
        assertThat(outcome.firstBackup().clusterName()).isEqualTo("postgres-pitr");
        assertThat(outcome.firstBackup().completed()).isTrue();
        assertThat(outcome.firstBackup().backupId()).isPresent();

        GenericKubernetesResource created = cluster.client()
                .genericKubernetesResources(ResourceKind.POSTGRES_CLUSTER.context()).inNamespace(NS)
                .withName("postgres-pitr").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat(spec).isEqualTo(plan.manifest().document().get("spec"));
        assertThat(created.getMetadata().getAnnotations())
                .containsEntry("rewind.dev/recovery-backup-id", RealArchiveFixture.SECOND_BACKUP);
        // the source cluster is untouched
        assertThat(new Fabric8PostgresControl(reader).findCluster(NS, "postgres").orElseThrow().plugins())
                .singleElement().satisfies(p -> assertThat(p.serverName()).isEmpty());
    }

    @Test
    void anExistingNameIsAConflictAndNothingIsReplaced() {
        cluster.apply("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: postgres-pitr
                spec:
                  instances: 5
                """, NS, Map.of());
        assertThatThrownBy(() -> executor.apply(plan, HEALTHY, BACKED_UP))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("Cluster postgresql-system/postgres-pitr already exists");
                });
        assertThat(new Fabric8PostgresControl(reader).findClusterTemplate(NS, "postgres-pitr").orElseThrow()
                .instances()).isEqualTo(5);
    }

    @Test
    void aStuckRecoveryIsPartialNamingThePhase() {
        cnpg.stickAt("postgres-pitr", "Cluster is unrecoverable and needs manual intervention");
        assertThatThrownBy(() -> executor.apply(plan, HEALTHY, BACKED_UP))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PARTIAL);
                    assertThat(e.getMessage()).contains("postgres-pitr")
                            .contains("Cluster is unrecoverable and needs manual intervention");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("postgres-pitr-1-full-recovery"));
                });
    }

    @Test
    void aRecoveryThatNeverFinishesIsTimeout() {
        cnpg.freeze();
        assertThatThrownBy(() -> executor.apply(plan, HEALTHY, BACKED_UP))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("postgres-pitr").contains("PT30M");
                });
        assertThat(cnpg.steps()).isEqualTo(180);
    }

    @Test
    void aFailedFirstBackupIsPartialButSaysTheClusterIsRecovered() {
        cnpg.failBackupsOf("postgres-pitr", "Expected empty archive");
        assertThatThrownBy(() -> executor.apply(plan, HEALTHY, BACKED_UP))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PARTIAL);
                    assertThat(e.getMessage()).contains("recovered and healthy").contains("Expected empty archive");
                });
        assertThat(cluster.client().genericKubernetesResources(ResourceKind.POSTGRES_BACKUP.context())
                .inNamespace(NS).list().getItems()).extracting(b -> b.getMetadata().getName())
                .contains("postgres-pitr-rewind-20261130165240");   // two 10 s steps to healthy
    }
}
