package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.app.AppDiscovery;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillPhase;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSettings;
import dev.rewind.drill.DrillSweep;
import dev.rewind.error.Reason;
import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server shutdown and crashed replicas (issue: the scheduler shut Quartz down without waiting, leaving a drill's Secret
 * copy, RD and claim in the sandbox; nothing removed leftovers of a crashed replica): closing the scheduler interrupts
 * the running drill and waits for its CLEANUP, and each drill run first sweeps old drill objects.
 */
class DrillShutdownTest {
    private static final String SANDBOX = "rewind";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T17:00:00Z"));
    private final InMemoryBlobStore store = new InMemoryBlobStore(Clock.fixed(ExampleRepository.FIRST_AT,
            ZoneOffset.UTC));
    private final SimulatedCluster cluster;
    private final DrillSchedule config = new DrillSchedule(new Schedule("0 30 4 * * ?", 0), SANDBOX,
            List.of(new DrillSchedule.DrillApp("default", "paperless-ngx"),
                    new DrillSchedule.DrillApp("default", "paperless-ngx")), Optional.empty(), "busybox:1.37");

    DrillShutdownTest() {
        ExampleRepository.write(store);
        cluster = new SimulatedCluster(clock, KopiaRepository.open(store, ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog(), 1);
        cluster.repository("filesystem:///repository", ExampleRepository.PASSWORD);
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SANDBOX)
                .endMetadata().build()).create();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private DrillService service(CountDownLatch midRestore) {
        return new DrillService(new AppDiscovery(cluster.reader()), cluster.writer(), cluster.sandbox(),
                cluster.podLogs(), new SnapshotPinner(new RepositorySnapshotCatalogs(location -> store,
                CachingFormatKeyDeriver.shared()), clock), clock, d -> {
                    clock.advance(d);
                    cluster.step();
                    if (!cluster.replicationDestinations(SANDBOX).isEmpty()) {
                        midRestore.countDown();
                        new CountDownLatch(1).await();   // until the shutdown interrupts the drill
                    }
                }, new SplittableRandom(1), DrillSettings.defaults(), (phase, message) -> { });
    }

    private DrillSweep sweep() {
        return new DrillSweep(cluster.writer(), cluster.sandbox(), clock);
    }

    @Test
    void closingTheSchedulerInterruptsTheRunningDrillAndWaitsForItsCleanup() throws Exception {
        cluster.restoreMoversHang();
        CountDownLatch midRestore = new CountDownLatch(1);
        DrillBoard board = new DrillBoard();
        DrillRunner runner = new DrillRunner(config, service(midRestore)::drill, List::of, board, clock,
                sweep()::sweep);
        try (RewindServer server = new RewindServer(ServerConfig.defaults(), Duration.ZERO, clock,
                new SplittableRandom(2), Map.of())) {
            CheckScheduler scheduler = server.verifications().scheduler();
            scheduler.scheduleDrills(runner, config.schedule());
            scheduler.start().triggerDrillsNow();
            assertThat(midRestore.await(60, TimeUnit.SECONDS)).as("the drill reached RESTORE").isTrue();
            assertThat(cluster.objectsIn(SANDBOX)).isNotEmpty();

            scheduler.close();
        }

        assertThat(board.history()).singleElement().satisfies(r -> assertThat(r.outcome())
                .isInstanceOfSatisfying(DrillOutcome.Failed.class, f -> {
                    assertThat(f.phase()).isEqualTo(DrillPhase.RESTORE);
                    assertThat(f.reason()).isEqualTo(Reason.INTERRUPTED);
                }));   // and the second app was not started
        assertThat(runner.awaitIdle(Duration.ZERO)).isTrue();
        cluster.step();   // the garbage collector removes the mover Job of the deleted RD
        assertThat(cluster.objectsIn(SANDBOX)).isEmpty();
    }

    @Test
    void aDrillRunFirstSweepsOldDrillObjectsAndLeavesOthersAlone() {
        secret("paperless-ngx-drill-20261120040000-repository", Map.of("rewind.dev/drill", "paperless-ngx"));
        secret("unrelated", Map.of("app", "other"));
        DrillRunner runner = new DrillRunner(new DrillSchedule(config.schedule(), SANDBOX, List.of(),
                Optional.of(Duration.ofHours(1)), "busybox:1.37"), r -> {
                    throw new IllegalStateException("no app to drill");
                }, List::of, new DrillBoard(), clock, sweep()::sweep);
        assertThat(runner.sweepAge()).isEqualTo(Duration.ofHours(1).plus(DrillSettings.defaults().checkTimeout()));

        Instant createdAt = Instant.parse(cluster.client().secrets().inNamespace(SANDBOX)
                .withName("unrelated").get().getMetadata().getCreationTimestamp());   // the mock API stamps real time
        clock.advance(Duration.between(clock.instant(), createdAt).plusMinutes(10));
        runner.runAll();
        assertThat(cluster.objectsIn(SANDBOX)).contains("Secret/paperless-ngx-drill-20261120040000-repository");

        clock.advance(Duration.ofHours(2));
        runner.runAll();
        assertThat(cluster.objectsIn(SANDBOX)).containsExactly("Secret/unrelated");
    }

    private void secret(String name, Map<String, String> labels) {
        cluster.client().secrets().inNamespace(SANDBOX).resource(new SecretBuilder().withNewMetadata()
                .withName(name).withLabels(labels).endMetadata().build()).create();
    }
}
