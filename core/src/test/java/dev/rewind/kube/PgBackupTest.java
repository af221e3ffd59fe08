package dev.rewind.kube;

import static dev.rewind.kube.CnpgFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.BackupMethod;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.PgBackup;
import dev.rewind.pg.Poller;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.storage.ManualClock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code rewind pg backup}: a plugin Backup, waited for against a simulated CNPG (no sleeping). */
class PgBackupTest {
    private static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10));

    private MockCluster cluster;
    private Fabric8ClusterReader reader;
    private ManualClock clock;
    private SimulatedCnpg cnpg;
    private PgBackup backups;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        CnpgFixtures.referencePostgres(cluster);
        reader = cluster.reader();
        clock = new ManualClock(Instant.parse("2026-09-01T10:00:00Z"));
        cnpg = new SimulatedCnpg(cluster.client(), clock);
        Poller poller = new Poller(clock, d -> {
            clock.advance(d);
            cnpg.step();
        });
        backups = new PgBackup(new Fabric8PostgresControl(reader), poller);
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    private GenericKubernetesResource stored(String name) {
        return cluster.client().genericKubernetesResources(ResourceKind.POSTGRES_BACKUP.context()).inNamespace(NS)
                .withName(name).get();
    }

    @Test
    void completedBackupIsReturnedWithItsBarmanId() {
        Backup done = backups.run(NS, "postgres", WAIT);
        assertThat(done.name()).isEqualTo("postgres-rewind-20260901100000");
        assertThat(done.completed()).isTrue();
        assertThat(done.backupId()).contains("20260901T100010");
        assertThat(done.method()).isEqualTo(BackupMethod.PLUGIN);
        assertThat(cnpg.steps()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) stored(done.name()).getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("method", "plugin")
                .containsEntry("cluster", Map.of("name", "postgres"))
                .containsEntry("pluginConfiguration", Map.of("name", "barman-cloud.cloudnative-pg.io"));
    }

    @Test
    void aTakenNameGetsASuffix() {
        Backup first = backups.start(NS, "postgres");
        Backup second = backups.start(NS, "postgres");
        assertThat(first.name()).isEqualTo("postgres-rewind-20260901100000");
        assertThat(second.name()).isEqualTo("postgres-rewind-20260901100000-2");
        assertThat(stored(second.name())).isNotNull();
    }

    @Test
    void failedBackupIsPartialWithCnpgsError() {
        cnpg.failBackupsOf("postgres", "rpc error: code = Unknown desc = missing credentials\nmore detail");
        assertThatThrownBy(() -> backups.run(NS, "postgres", WAIT)).isInstanceOfSatisfying(RewindException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PARTIAL);
                    assertThat(e.getMessage()).isEqualTo("Backup postgresql-system/postgres-rewind-20260901100000"
                            + " failed: rpc error: code = Unknown desc = missing credentials");
                });
    }

    @Test
    void noTerminalPhaseIsTimeoutNamingThePhase() {
        cnpg.freeze();
        Instant start = clock.instant();
        assertThatThrownBy(() -> backups.run(NS, "postgres", WAIT)).isInstanceOfSatisfying(RewindException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("postgres-rewind-20260901100000")
                            .contains("PT10M").contains("no phase yet");
                });
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void missingClusterIsNotFoundAndClusterWithoutPluginIsInvalid() {
        assertThatThrownBy(() -> backups.start(NS, "nope")).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        CnpgFixtures.patchSpec(cluster, ResourceKind.POSTGRES_CLUSTER, "postgres",
                java.util.Collections.singletonMap("plugins", null));
        assertThatThrownBy(() -> backups.start(NS, "postgres")).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).contains("Cluster postgresql-system/postgres");
        });
    }
}
