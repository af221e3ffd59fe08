package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kube.ReferenceCluster;
import dev.rewind.kube.ServerClusterFixture;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.s3.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server on port 0 against the mock API server holding the reference cluster (apps from the shared Volsync
 * component, the CNPG cluster {@code postgres} with its ObjectStore) and the in-JVM S3 server holding their Kopia
 * repository and Barman archive: discovered targets are scheduled, verified, and shown in {@code /metrics} and
 * {@code /api/v1/status}; discovery picks up an added app and drops a removed one; an API server that goes down
 * leaves {@code /livez} alone, shows in {@code /readyz} and the metrics, and keeps the last known targets.
 */
class ServerDiscoveryTest {
    static final Instant T0 = Instant.parse("2026-11-30T16:00:00Z");
    static final String BUCKET = "volsync";
    static final String ARCHIVE_BUCKET = "postgres-backups";
    /** Never fires on its own: runs are triggered by the test. */
    static final Schedule NEVER = new Schedule("0 0 0 1 1 ? 2099", 0);

    private final ManualClock clock = new ManualClock(T0);
    private final HttpClient client = HttpClient.newHttpClient();
    private ServerClusterFixture cluster;
    private S3ProxyServer s3;
    private KopiaFixtureWriter repository;
    private RewindServer server;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        s3.createBucket(ARCHIVE_BUCKET);
        repository = KopiaFixtureWriter.create(new InMemoryBlobStore(clock),
                FormatBlobWriter.withDefaults(new SplittableRandom(42)), new SplittableRandom(7), clock);
        cluster = new ServerClusterFixture(clock);
        cluster.reference().paperlessNgx();
        addApp("immich", "media");
        cluster.reference().postgresCluster();
        cluster.secret("postgresql-system", "postgres-backup-credentials", Map.of(
                "ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        cluster.objectStoreEndpoint("postgresql-system", "postgres-s3-backup", s3.endpoint().toString());
        s3.putAll(ARCHIVE_BUCKET, "", RealArchiveFixture.objects("postgres").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().bytes())));
        pointAtS3("default", "paperless-ngx");
        snapshot("paperless-ngx", "default");
        upload();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        cluster.close();
        s3.close();
        client.close();
    }

    private void addApp(String app, String namespace) {
        cluster.reference().componentApp(app, namespace, ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        pointAtS3(namespace, app);
        snapshot(app, namespace);
    }

    /** The app's repository Secret as External Secrets would render it for a Garage bucket. */
    private void pointAtS3(String namespace, String app) {
        cluster.secret(namespace, app + "-volsync-secret", Map.of(
                "KOPIA_REPOSITORY", "s3://" + BUCKET + "/repository",
                "KOPIA_PASSWORD", repository.password(),
                "KOPIA_S3_ENDPOINT", "127.0.0.1:" + s3.port(),
                "KOPIA_S3_DISABLE_TLS", "true",
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
    }

    private void snapshot(String app, String namespace) {
        repository.snapshot(app + "@" + namespace + ":/data", T0.minus(Duration.ofMinutes(40)))
                .file("data/" + app + ".txt", (app + " data").getBytes(StandardCharsets.UTF_8))
                .endAt(T0.minus(Duration.ofMinutes(39)))
                .commit();
    }

    private void upload() {
        s3.putAll(BUCKET, "repository/", repository.store().snapshot().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().value(), Map.Entry::getValue)));
    }

    private RewindServer start() throws Exception {
        return start(Optional.empty());
    }

    private RewindServer start(Optional<ClusterDiscovery.BackupTriggers> backup) throws Exception {
        ClusterDiscovery discovery = ClusterDiscovery.defaults().withInterval(Duration.ofHours(1))
                .withSchedules(Optional.of(NEVER), Optional.empty(), Optional.of(NEVER)).withBackup(backup);
        ServerConfig config = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.of(discovery));
        server = new RewindServer(config, Duration.ZERO, clock, new SplittableRandom(3), Map.of(),
                Optional.of(new ClusterAccess(cluster.connect(), duration -> {
                    clock.advance(duration);
                    cluster.stepVolsync();
                })));
        CompletableFuture<DiscoveryStatus> first = server.verifications().runner().catalog().nextDiscovery();
        server.start();
        DiscoveryStatus status = first.get(60, TimeUnit.SECONDS);
        assertThat(status.healthy()).as("%s", status).isTrue();
        return server;
    }

    private Run run(String target, CheckKind kind) throws Exception {
        TargetName name = new TargetName(target);
        CompletableFuture<Run> next = server.verifications().runs().next(r -> r.target().equals(name)
                && r.kind() == kind);
        server.verifications().scheduler().triggerNow(name, kind);
        return next.get(60, TimeUnit.SECONDS);
    }

    private DiscoveryStatus rediscover() throws Exception {
        CompletableFuture<DiscoveryStatus> next = server.verifications().runner().catalog().nextDiscovery();
        server.verifications().scheduler().triggerDiscovery();
        return next.get(120, TimeUnit.SECONDS);
    }

    @Test
    void discoveredAppsAndArchiveAreScheduledVerifiedAndShown() throws Exception {
        start();
        // the postgres instance volumes' ReplicationSources are apps too
        assertThat(server.verifications().scheduler().registeredChecks()).containsExactly(
                "default.paperless-ngx/quick-verify", "media.immich/quick-verify",
                "postgresql-system.postgres-1/quick-verify", "postgresql-system.postgres-2/quick-verify",
                "postgresql-system.postgres-3/quick-verify", "postgresql-system.postgres/barman-verify");

        Run paperless = run("default.paperless-ngx", CheckKind.QUICK_VERIFY);
        Run immich = run("media.immich", CheckKind.QUICK_VERIFY);
        Run barman = run("postgresql-system.postgres", CheckKind.BARMAN_VERIFY);

        assertThat(paperless.outcome()).as("%s", paperless).isEqualTo(Outcome.HEALTHY);
        assertThat(paperless.observations().newestSnapshotAt()).contains(T0.minus(Duration.ofMinutes(40)));
        assertThat(immich.outcome()).as("%s", immich).isEqualTo(Outcome.HEALTHY);
        assertThat(barman.error()).as("%s", barman).isEmpty();
        assertThat(barman.observations().windowStartAt()).contains(RealArchiveFixture.EARLIEST);

        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("rewind_verification_healthy{target=\"default.paperless-ngx\",check=\"quick-verify\"} 1\n")
                .contains("rewind_verification_healthy{target=\"media.immich\",check=\"quick-verify\"} 1\n")
                .contains("rewind_snapshot_newest_age_seconds{target=\"media.immich\"} 2400\n")
                .contains("rewind_barman_window_start_timestamp_seconds{target=\"postgresql-system.postgres\"} "
                        + (RealArchiveFixture.EARLIEST.getEpochSecond() + RealArchiveFixture.EARLIEST.getNano() / 1e9)
                        + "\n")
                .contains("rewind_discovery_healthy 1\n")
                .contains("rewind_discovery_targets{type=\"app\"} 5\n")
                .contains("rewind_discovery_targets{type=\"archive\"} 1\n");
        JsonNode status = json("/api/v1/status");
        assertThat(status.get("targets")).extracting(t -> t.get("name").asString() + ":" + t.get("type").asString())
                .containsExactly("default.paperless-ngx:app", "media.immich:app", "postgresql-system.postgres-1:app",
                        "postgresql-system.postgres-2:app", "postgresql-system.postgres-3:app",
                        "postgresql-system.postgres:archive");
        assertThat(status.get("targets").get(0).get("healthy").asBoolean()).isTrue();
        assertThat(status.get("discovery").get("healthy").asBoolean()).isTrue();
        assertThat(status.get("discovery").get("apps").asInt()).isEqualTo(5);
        assertThat(status.get("discovery").get("lastSuccessAt").asString()).isEqualTo(T0.toString());
        assertThat(get("/readyz").body()).isEqualTo("ok\ndiscovery: ok at 2026-11-30T16:00:00Z (5 apps, 1 archives)");
    }

    @Test
    void rediscoveryAddsNewAppsAndDropsRemovedOnes() throws Exception {
        start();
        run("media.immich", CheckKind.QUICK_VERIFY);
        assertThat(get("/metrics").body()).contains("target=\"media.immich\"");

        addApp("mealie", "default");
        upload();
        cluster.deleteReplicationSource("media", "immich");
        DiscoveryStatus status = rediscover();

        assertThat(status.apps()).isEqualTo(5);
        assertThat(server.verifications().scheduler().registeredChecks()).contains(
                "default.mealie/quick-verify", "default.paperless-ngx/quick-verify",
                "postgresql-system.postgres/barman-verify").noneMatch(check -> check.startsWith("media.immich/"));
        Run mealie = run("default.mealie", CheckKind.QUICK_VERIFY);
        assertThat(mealie.outcome()).as("%s", mealie).isEqualTo(Outcome.HEALTHY);
        String metrics = get("/metrics").body();
        assertThat(metrics).doesNotContain("media.immich")
                .contains("rewind_verification_healthy{target=\"default.mealie\",check=\"quick-verify\"} 1\n");
        assertThat(json("/api/v1/status").get("targets")).extracting(t -> t.get("name").asString())
                .contains("default.mealie", "default.paperless-ngx", "postgresql-system.postgres")
                .doesNotContain("media.immich");
    }

    @Test
    void anApiServerThatIsDownLeavesLivenessAloneAndKeepsTheLastKnownTargets() throws Exception {
        start();
        cluster.close(); // the API server goes away
        DiscoveryStatus status = rediscover();

        assertThat(status.healthy()).isFalse();
        assertThat(status.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("UNAVAILABLE: "));
        assertThat(get("/livez").body()).isEqualTo("ok");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.body()).startsWith("ok\ndiscovery: failing at ").contains("keeping the last known targets: "
                + "5 apps, 1 archives");
        assertThat(get("/metrics").body()).contains("rewind_discovery_healthy 0\n")
                .contains("rewind_discovery_failures_total 1\n")
                .contains("rewind_discovery_targets{type=\"app\"} 5\n");
        assertThat(server.verifications().scheduler().registeredChecks()).hasSize(6);
        Run stillChecked = run("media.immich", CheckKind.QUICK_VERIFY);
        assertThat(stillChecked.outcome()).as("S3 is still there").isEqualTo(Outcome.HEALTHY);
    }

    @Test
    void aBackupTriggerBacksUpTheSelectedAppAndConfirmsTheNewSnapshot() throws Exception {
        cluster.onBackup((namespace, name) -> {
            repository.snapshot(name + "@" + namespace + ":/data", clock.instant())
                    .file("data/new.txt", "new".getBytes(StandardCharsets.UTF_8))
                    .endAt(clock.instant().plusSeconds(20))
                    .commit();
            upload();
        });
        start(Optional.of(new ClusterDiscovery.BackupTriggers(NEVER, java.util.Set.of("default/paperless-ngx"))));
        assertThat(server.verifications().scheduler().registeredChecks()).contains("default.paperless-ngx/backup")
                .doesNotContain("media.immich/backup");

        Instant triggeredAt = clock.instant();
        Run backup = run("default.paperless-ngx", CheckKind.BACKUP);

        assertThat(backup.outcome()).as("%s", backup).isEqualTo(Outcome.HEALTHY);
        assertThat(backup.observations().newestSnapshotAt()).hasValueSatisfying(at ->
                assertThat(at).isAfter(triggeredAt));
        assertThat(get("/metrics").body())
                .contains("rewind_verification_healthy{target=\"default.paperless-ngx\",check=\"backup\"} 1\n")
                .doesNotContain("target=\"media.immich\",check=\"backup\"");
        Run verify = run("default.paperless-ngx", CheckKind.QUICK_VERIFY);
        assertThat(verify.observations().newestSnapshotAt()).isEqualTo(backup.observations().newestSnapshotAt()
                .map(end -> end.minusSeconds(20)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }

    private JsonNode json(String path) throws Exception {
        return JsonMapper.builder().build().readTree(get(path).body());
    }
}
