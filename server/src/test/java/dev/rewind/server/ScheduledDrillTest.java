package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.AppDiscovery;
import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSettings;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled restore drills: the runner over the simulated cluster (drills really run: temporary RD in the sandbox,
 * simulated checker pods), the rotation across fires, and what the metrics, the API and the status page show.
 */
class ScheduledDrillTest {
    private static final Instant NOW = Instant.parse("2026-11-30T17:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final InMemoryBlobStore store = new InMemoryBlobStore(Clock.fixed(ExampleRepository.FIRST_AT,
            ZoneOffset.UTC));
    private final SimulatedCluster cluster;
    private final DrillSchedule config = new DrillSchedule(new Schedule("0 30 4 * * ?", 0), "rewind-drills",
            List.of(new DrillSchedule.DrillApp("default", "paperless-ngx"),
                    new DrillSchedule.DrillApp("default", "gone")), Optional.empty(), "busybox:1.37");

    ScheduledDrillTest() {
        ExampleRepository.write(store);
        cluster = new SimulatedCluster(clock, KopiaRepository.open(store, ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog(), 1);
        cluster.repository("filesystem:///repository", ExampleRepository.PASSWORD);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private DrillService service() {
        return new DrillService(new AppDiscovery(cluster.reader()), cluster.writer(), cluster.sandbox(),
                cluster.podLogs(), new SnapshotPinner(new RepositorySnapshotCatalogs(location -> store,
                CachingFormatKeyDeriver.shared()), clock), clock, d -> {
                    clock.advance(d);
                    cluster.step();
                }, new SplittableRandom(1), DrillSettings.defaults(), (phase, message) -> { });
    }

    private dev.rewind.drill.DrillSweep sweep() {
        return new dev.rewind.drill.DrillSweep(cluster.writer(), cluster.sandbox(), clock);
    }

    @Test
    void scheduledDrillsRotateAndUpdateTheMetricsTheApiAndTheStatusPage() throws Exception {
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("rewind-drills").endMetadata().build()).create();
        cluster.deny("create", "namespaces");   // the deployment grants none: the server never creates namespaces
        DrillBoard board = new DrillBoard();
        DrillRunner runner = new DrillRunner(config, service()::drill, List::of, board, clock,
                sweep()::sweep);

        List<DrillResult> first = runner.runAll();
        clock.advance(Duration.ofDays(1));
        List<DrillResult> second = runner.runAll();

        // 2026-11-30 is day 20787, 20787 % 3 = 0: the first fire drills the newest, the next one a daily
        assertThat(first.getFirst().generation()).isEqualTo(DrillGeneration.NEWEST);
        assertThat(first.getFirst().passed()).isTrue();
        assertThat(second.getFirst().generation()).isEqualTo(DrillGeneration.DAILY);
        assertThat(second.getFirst().passed()).isTrue();
        assertThat(first.get(1).outcome().passed()).isFalse();   // the unknown app is recorded, not thrown
        assertThat(board.history()).hasSize(4);

        try (RewindServer server = new RewindServer(ServerConfig.defaults(), Duration.ZERO, clock,
                new SplittableRandom(2), Map.of())) {
            Verifications base = server.verifications();
            Verifications v = new Verifications(base.runner(), base.scheduler(), base.meter(), clock, "test", board);

            String metrics = MetricsExposition.render(v);
            String series = "{app=\"paperless-ngx\",namespace=\"default\",generation=\"newest\"}";
            assertThat(metrics).contains("rewind_drill_last_outcome" + series + " 1")
                    .contains("rewind_drill_last_success_timestamp_seconds" + series + " "
                            + first.getFirst().finishedAt().getEpochSecond())
                    .contains("rewind_drill_restore_seconds" + series + " "
                            + first.getFirst().timeToRestore().orElseThrow().toSeconds())
                    .doesNotContain("rewind_drill_duration_seconds")
                    .contains("rewind_drill_bytes{app=\"paperless-ngx\",namespace=\"default\",generation=\"newest\","
                            + "source=\"restored\"} " + first.getFirst().found().orElseThrow().sizeBytes())
                    .contains("rewind_drill_bytes{app=\"paperless-ngx\",namespace=\"default\",generation=\"newest\","
                            + "source=\"snapshot\"} " + first.getFirst().expected().orElseThrow().sizeBytes())
                    .contains("rewind_drill_files{app=\"paperless-ngx\",namespace=\"default\",generation=\"newest\","
                            + "source=\"restored\"} 4")
                    .contains("rewind_drill_files{app=\"paperless-ngx\",namespace=\"default\",generation=\"daily\","
                            + "source=\"snapshot\"} 4")
                    .contains("rewind_drill_last_outcome{app=\"gone\",namespace=\"default\",generation=\"newest\"} 0")
                    .contains("rewind_drill_last_success_timestamp_seconds{app=\"gone\",namespace=\"default\","
                            + "generation=\"newest\"} 0\n");   // never passed: RewindDrillStale fires for it

            JsonNode drills = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(new ApiHandler(v).status().toString()).path("drills");
            assertThat(drills.path("latest")).hasSize(4);   // per app and generation: gone ×2, paperless-ngx ×2
            JsonNode gone = drills.path("latest").get(1);
            assertThat(gone.path("app").asString()).isEqualTo("gone");
            assertThat(gone.path("generation").asString()).isEqualTo("daily");
            assertThat(gone.path("reason").asString()).isEqualTo("NOT_FOUND");
            assertThat(gone.path("failedPhase").asString()).isEqualTo("PLAN");
            JsonNode paperless = drills.path("latest").get(2);
            assertThat(paperless.path("generation").asString()).isEqualTo("newest");
            assertThat(paperless.path("outcome").asString()).isEqualTo("passed");
            assertThat(paperless.path("foundFiles").asLong()).isEqualTo(4);
            assertThat(paperless.path("snapshotId").asString()).isEqualTo(first.getFirst().snapshot()
                    .orElseThrow().id());

            assertThat(new StatusPage(v).render()).contains("<h2>Restore drills</h2>")
                    .contains("data-app=\"default/paperless-ngx\" data-generation=\"daily\" data-outcome=\"passed\"")
                    .contains("data-app=\"default/gone\" data-generation=\"newest\" data-outcome=\"failed\"");
        }
        assertThat(cluster.client().namespaces().withName("rewind-drills").get()).isNotNull();   // never deleted
        assertThat(cluster.objectsIn("rewind-drills")).isEmpty();
    }

    @Test
    void theServerNeverCreatesItsSandboxAnAbsentOneIsRefusedInPlan() {
        DrillRunner runner = new DrillRunner(config, service()::drill, List::of, new DrillBoard(), clock,
                sweep()::sweep);

        DrillResult result = runner.drill(new DrillSchedule.DrillApp("default", "paperless-ngx"));

        assertThat(result.outcome()).isInstanceOfSatisfying(dev.rewind.drill.DrillOutcome.Failed.class, f -> {
            assertThat(f.phase()).isEqualTo(dev.rewind.drill.DrillPhase.PLAN);
            assertThat(f.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(f.message()).contains("sandbox namespace rewind-drills does not exist");
        });
        assertThat(cluster.client().namespaces().withName("rewind-drills").get()).isNull();
    }

    @Test
    void theSandboxDefaultsToThePodsOwnNamespace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String yaml = "drills:\n  cron: \"0 30 4 * * ?\"\n";
        DrillSchedule fromEnv = ServerConfigReader.fromYaml(yaml, "drills.yaml", Map.of("POD_NAMESPACE", "rewind"))
                .drills().orElseThrow();
        assertThat(fromEnv.sandboxNamespace()).isEqualTo("rewind");

        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("namespace"), "backup-system\n");
        assertThat(PodNamespace.find(Map.of(), file)).contains("backup-system");
        assertThat(PodNamespace.find(Map.of("POD_NAMESPACE", "rewind"), file)).contains("rewind");
        assertThat(PodNamespace.find(Map.of(), dir.resolve("absent"))).isEmpty();
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(PodNamespace.IN_CLUSTER_FILE));
        assertThatThrownBy(() -> ServerConfigReader.fromYaml(yaml, "drills.yaml", Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("drills.sandboxNamespace").contains("POD_NAMESPACE");
                });
    }

    @Test
    void theDrillJobIsScheduledFromTheConfiguration() {
        ServerConfig config = ServerConfigReader.fromYaml("""
                drills:
                  cron: "0 30 4 * * ?"
                  sandboxNamespace: rewind
                  apps: ["default/paperless-ngx"]
                  timeout: 2h
                """, "drills.yaml", Map.of());
        DrillSchedule drills = config.drills().orElseThrow();
        assertThat(drills.apps()).containsExactly(new DrillSchedule.DrillApp("default", "paperless-ngx"));
        assertThat(drills.timeout()).contains(Duration.ofHours(2));
        assertThat(drills.sandboxNamespace()).isEqualTo("rewind");
        assertThat(ServerConfigReader.fromYaml("http:\n  port: 0\n", "none.yaml", Map.of()).drills()).isEmpty();

        try (RewindServer server = new RewindServer(ServerConfig.defaults(), Duration.ZERO, clock,
                new SplittableRandom(2), Map.of())) {
            CheckScheduler scheduler = server.verifications().scheduler();
            assertThat(scheduler.nextDrillAt()).isEmpty();
            scheduler.scheduleDrills(new DrillRunner(drills, r -> {
                throw new IllegalStateException("not fired in this test");
            }, List::of, new DrillBoard(), clock, sweep()::sweep), drills.schedule());
            assertThat(scheduler.nextDrillAt()).hasValueSatisfying(at -> assertThat(at.toString())
                    .endsWith("T04:30:00Z"));
        }
    }

    @Test
    void aBadDrillsSectionNamesTheField() {
        assertThatThrownBy(() -> ServerConfigReader.fromYaml("drills:\n  cron: \"0 30 4 * * ?\"\n  apps: [x]\n",
                "bad.yaml", Map.of())).isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("drills.apps[0]");
                });
        assertThatThrownBy(() -> ServerConfigReader.fromYaml("drills:\n  schedule: daily\n", "bad.yaml", Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.getMessage())
                        .contains("drills.schedule"));
    }
}
