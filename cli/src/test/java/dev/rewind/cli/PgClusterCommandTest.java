package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.cnpg.Manifest;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.storage.s3.S3ProxyServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rewind pg status|restore|backup --cluster postgres}: a fabric8 mock API server with the reference cluster's
 * Cluster, ObjectStore and Secret (endpoint pointed at an in-JVM S3 holding a real barman-cloud archive). The CLI
 * finds the mock server through fabric8's {@code kubernetes.master} system property, or through {@code --kubeconfig}
 * / {@code KUBECONFIG} like every other cluster command.
 */
class PgClusterCommandTest {
    /** Strong reference: the mock web server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet();
    private static final String NS = "postgresql-system";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ResourceDefinitionContext CLUSTERS = context("postgresql.cnpg.io", "Cluster", "clusters");
    private static final ResourceDefinitionContext BACKUPS = context("postgresql.cnpg.io", "Backup", "backups");
    private static final ResourceDefinitionContext STORES = context("barmancloud.cnpg.io", "ObjectStore",
            "objectstores");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private S3ProxyServer s3;
    private Properties saved;
    private Instant latestUploadAt;

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static ResourceDefinitionContext context(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init();
        for (ResourceDefinitionContext c : List.of(CLUSTERS, BACKUPS, STORES)) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(c.getGroup())
                    .withVersion("v1").withKind(c.getKind()).withPlural(c.getPlural())
                    .withName(c.getPlural() + "." + c.getGroup()).withScope("Namespaced")
                    .withStatusSubresource(true).build());
        }
        client = server.createClient();
        s3 = S3ProxyServer.start();
        s3.createBucket("postgres-backups");
        RealArchiveFixture.objects("postgres").forEach((k, o) -> s3.put("postgres-backups", k, o.bytes()));
        latestUploadAt = s3.admin().listObjectsV2(b -> b.bucket("postgres-backups")).contents().stream()
                .map(o -> o.lastModified()).max(Comparator.naturalOrder()).orElseThrow();

        create(CLUSTERS, """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: postgres}
                spec:
                  instances: 3
                  storage: {size: 20Gi, storageClass: ceph-rbd}
                  bootstrap: {initdb: {database: postgres, owner: postgres, secret: {name: postgres-superuser}}}
                  postgresql: {parameters: {max_connections: "400"}}
                  plugins:
                    - name: barman-cloud.cloudnative-pg.io
                      isWALArchiver: true
                      parameters: {barmanObjectName: postgres-s3-backup}
                """);
        create(STORES, """
                apiVersion: barmancloud.cnpg.io/v1
                kind: ObjectStore
                metadata: {name: postgres-s3-backup}
                spec:
                  configuration:
                    destinationPath: s3://postgres-backups
                    endpointURL: %s
                    s3Credentials:
                      accessKeyId: {name: postgres-backup-credentials, key: ACCESS_KEY_ID}
                      secretAccessKey: {name: postgres-backup-credentials, key: SECRET_ACCESS_KEY}
                """.formatted(s3.endpoint()));
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata()
                .withName("postgres-backup-credentials").withNamespace(NS).endMetadata()
                .withStringData(Map.of("ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                        "SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY)).build()).create();

        saved = (Properties) System.getProperties().clone();
        System.setProperty("kubernetes.master", client.getMasterUrl().toString());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", NS);
    }

    private void create(ResourceDefinitionContext context, String yaml) {
        GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        object.getMetadata().setNamespace(NS);
        client.genericKubernetesResources(context).inNamespace(NS).resource(object).create();
    }

    @AfterEach
    void tearDown() {
        System.setProperties(saved);
        client.close();
        server.destroy();
        s3.close();
    }

    @Test
    void statusResolvesTheArchiveThroughTheCluster() {
        CliRun run = CliRun.of("pg", "status", "--cluster", "postgres", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.get("archive").asString()).isEqualTo("server postgres in s3://postgres-backups/ at "
                + s3.endpoint());
        assertThat(status.get("backups").asInt()).isEqualTo(2);
    }

    @Test
    void restorePrintsTheRecoveryManifestAsYaml() {
        CliRun run = CliRun.of("pg", "restore", "--cluster", "postgres", "-n", NS, "--timestamp",
                latestUploadAt.toString(), "--new-name", "postgres-pitr");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Manifest manifest = Manifest.parse(run.out());
        assertThat(manifest.describe()).isEqualTo("Cluster postgresql-system/postgres-pitr");
        assertThat(run.out()).contains("backupID: " + RealArchiveFixture.SECOND_BACKUP)
                .contains("serverName: postgres\n").contains("serverName: postgres-pitr\n")
                .doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(run.err()).contains("base backup " + RealArchiveFixture.SECOND_BACKUP);
        assertThat(client.genericKubernetesResources(CLUSTERS).inNamespace(NS).withName("postgres-pitr").get())
                .as("a dry run creates nothing").isNull();
    }

    @Test
    void restoreErrorsMapToExitCodes() {
        CliRun future = CliRun.of("pg", "restore", "--cluster", "postgres", "--timestamp", "2999-01-01T00:00:00Z");
        assertThat(future.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(future.err()).contains("in the future");
        CliRun before = CliRun.of("pg", "restore", "--cluster", "postgres", "--timestamp", "2026-11-30T16:00:00Z");
        assertThat(before.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(before.err()).contains("recovery window is [" + RealArchiveFixture.EARLIEST);
        CliRun missing = CliRun.of("pg", "restore", "--cluster", "nope", "--timestamp", "2026-11-30T16:00:00Z");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
    }

    @Test
    void backupCreatesAPluginBackup() {
        CliRun run = CliRun.of("pg", "backup", "--cluster", "postgres", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode view = JSON.readTree(run.out());
        assertThat(view.get("kind").asString()).isEqualTo("PgBackup");
        String name = view.get("name").asString();
        assertThat(name).startsWith("postgres-rewind-");
        GenericKubernetesResource backup = client.genericKubernetesResources(BACKUPS).inNamespace(NS).withName(name)
                .get();
        assertThat(backup.getAdditionalProperties().get("spec")).isEqualTo(Map.of("cluster", Map.of("name",
                "postgres"), "method", "plugin", "pluginConfiguration", Map.of("name",
                "barman-cloud.cloudnative-pg.io")));
    }

    @Test
    void statusConnectsThroughTheKubeconfigOptionAndItsContextNamespace(@TempDir Path dir) {
        Path kubeconfig = kubeconfigWithNamespace(dir, NS);
        unreachableDefaultCluster();
        CliRun run = CliRun.of("pg", "status", "--kubeconfig", kubeconfig.toString(), "--context", "mock",
                "--cluster", "postgres", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("backups").asInt()).isEqualTo(2);
    }

    @Test
    void backupConnectsThroughTheInvocationsKubeconfigVariable(@TempDir Path dir) {
        Path kubeconfig = kubeconfigWithNamespace(dir, NS);
        unreachableDefaultCluster();
        String list = dir.resolve("missing").toString() + java.io.File.pathSeparator + kubeconfig;
        CliRun run = CliRun.withEnvironment(Map.of("KUBECONFIG", list), "pg", "backup", "--cluster", "postgres",
                "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String name = JSON.readTree(run.out()).get("name").asString();
        assertThat(client.genericKubernetesResources(BACKUPS).inNamespace(NS).withName(name).get()).isNotNull();
    }

    @Test
    void aMissingKubeconfigFileIsInvalidInput(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        CliRun run = CliRun.of("pg", "verify", "--kubeconfig", missing.toString(), "--cluster", "postgres");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(run.err()).contains("kubeconfig " + missing + " does not exist");
    }

    /** Without the kubeconfig the CLI would reach nothing: fabric8's defaults point at a closed port. */
    private static void unreachableDefaultCluster() {
        System.setProperty("kubernetes.master", "https://127.0.0.1:9");
        System.clearProperty("kubernetes.namespace");
    }

    private Path kubeconfigWithNamespace(Path dir, String namespace) {
        return MockClusterKubeconfig.write(client.getMasterUrl(), Optional.of(namespace), dir);
    }
}
