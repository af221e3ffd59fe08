package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.kube.WholeAppWorld;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rewind restore --with-database} in-process against the mock API server: paperless-ngx with its volume
 * repository, the shared CNPG cluster with a real Barman archive on an in-JVM S3, and the ExternalSecret-rendered
 * {@code paperless-secret}. Dry runs and refusals (nothing is stepped, so nothing could finish).
 */
class AppRestoreCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String T = "2026-11-30T16:55:00Z";
    @TempDir
    Path dir;
    private SimulatedCluster cluster;
    private WholeAppWorld world;
    private String kubeconfig;

    @BeforeEach
    void setUp() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore(java.time.Clock.systemUTC());
        ExampleRepository.write(store);
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T17:00:00Z"));
        cluster = new SimulatedCluster(clock, KopiaRepository.open(store, ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog(), 1);
        Path repository = dir.resolve("repository");
        ExampleRepository.writeTo(repository);
        cluster.repository("filesystem://" + repository.toAbsolutePath(), ExampleRepository.PASSWORD);
        world = new WholeAppWorld(cluster, clock).paperlessDatabaseSecret();
        Path file = dir.resolve("kubeconfig");
        cluster.writeKubeconfig(file);
        kubeconfig = file.toString();
        cluster.clearRequests();
    }

    @AfterEach
    void tearDown() {
        world.close();
        cluster.close();
    }

    private CliRun restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore", "--app", "paperless-ngx", "-n", "default",
                "--kubeconfig", kubeconfig));
        all.addAll(List.of(args));
        return CliRun.withEnvironment(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void dryRunPrintsTheWholePlanWithItsConsistencyReportAsJsonAndChangesNothing() {
        CliRun run = restore("--timestamp", T, "--with-database", "--switch", "none", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode view = JSON.readTree(run.out());
        assertThat(view.path("kind").asString()).isEqualTo("AppRestorePlan");
        JsonNode plan = view.path("plan");
        assertThat(plan.path("database").path("sourceCluster").asString()).isEqualTo("postgresql-system/postgres");
        assertThat(plan.path("database").path("newCluster").asString())
                .isEqualTo("postgresql-system/postgres-paperless-ngx-202611301655");
        assertThat(plan.path("consistency").path("targetAt").asString()).isEqualTo(T);
        assertThat(plan.path("consistency").path("targetInWindow").asBoolean()).isTrue();
        assertThat(plan.path("consistency").path("verdict").asString()).isEqualTo("VOLUME_BEHIND");
        assertThat(plan.path("connection").path("warnings").toString()).contains("ExternalSecret default/paperless");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
        assertThat(run.err()).contains("would create CNPG Cluster postgresql-system/postgres-paperless-ngx-202611301655");
        assertThat(run.out() + run.err()).doesNotContain(WholeAppWorld.DB_PASSWORD);
    }

    @Test
    void dryRunAsYamlPrintsEveryManifestForAGitChange() {
        CliRun run = restore("--timestamp", T, "--with-database", "--switch", "none", "--dry-run", "-o", "yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("kind: \"ReplicationDestination\"").contains("kind: \"Cluster\"")
                .contains("kind: \"ExternalSecret\"")
                .contains("PAPERLESS_DBHOST: \"postgres-paperless-ngx-202611301655-rw.postgresql-system.svc"
                        + ".cluster.local\"");
    }

    @Test
    void issue1SwitchSecretOfTheExternalSecretRenderedHostIsRefusedInOneLineAndChangesNothing() {
        CliRun run = restore("--timestamp", T, "--with-database");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--switch secret cannot hold")
                .contains("Secret default/paperless-secret key PAPERLESS_DBHOST (rendered by ExternalSecret"
                        + " default/paperless)").contains("hint: pass --switch none")
                .doesNotContain(WholeAppWorld.DB_PASSWORD);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void withDatabaseWithoutTimestampIsInvalidUsage() {
        CliRun run = restore("--with-database", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timestamp").hasLineCount(1);
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void databaseOptionsWithoutWithDatabaseAreInvalidUsage() {
        CliRun run = restore("--timestamp", T, "--switch", "none", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need --with-database");
    }

    @Test
    void aTargetOutsideTheRecoveryWindowIsNotFoundAndChangesNothing() {
        CliRun run = restore("--timestamp", "2026-11-30T16:00:00Z", "--with-database");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not recoverable").contains("recovery window is [");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }
}
