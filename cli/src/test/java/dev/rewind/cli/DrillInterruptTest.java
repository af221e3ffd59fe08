package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillPhase;
import dev.rewind.drill.DrillRequest;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillSelection;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSettings;
import dev.rewind.error.Reason;
import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code rewind drill} (issue: no shutdown hook, the JVM died mid-phase and left the Secret copy, the RD
 * and the scratch claim in the sandbox): the hook of {@link InterruptGuard} is fired by the test mid-RESTORE, without
 * a signal; the drill cleans up before the hook returns, and the exit code is 130.
 */
class DrillInterruptTest {
    private static final String SANDBOX = DrillRequest.DEFAULT_SANDBOX;
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T17:00:00Z"));
    private final List<Thread> hooks = new ArrayList<>();
    private final ShutdownHooks testHooks = new ShutdownHooks() {
        @Override
        public void add(Thread hook) {
            hooks.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            hooks.remove(hook);
        }
    };
    private SimulatedCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore(Clock.systemUTC());
        ExampleRepository.write(store);
        cluster = new SimulatedCluster(clock, KopiaRepository.open(store, ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog(), 1);
        Path repository = dir.resolve("repository");
        ExampleRepository.writeTo(repository);
        cluster.repository("filesystem://" + repository.toAbsolutePath(), ExampleRepository.PASSWORD);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    @SuppressWarnings("try")
    void ctrlCMidRestoreCleansTheSandboxBeforeTheJvmExitsWith130() throws Exception {
        cluster.restoreMoversHang();
        Thread[] fired = new Thread[1];
        DrillService service = DrillService.standard(cluster.reader(), cluster.writer(), cluster.sandbox(),
                cluster.podLogs(), BlobStoreFactory.standard(clock)::open, clock, duration -> {
                    clock.advance(duration);
                    cluster.step();
                    if (fired[0] == null && !cluster.replicationDestinations(SANDBOX).isEmpty()) {
                        assertThat(sandboxLeftovers()).contains("Secret/paperless-ngx-drill-20261130170000-repository");
                        fired[0] = hooks.getFirst();
                        fired[0].start();                 // what the JVM does on SIGINT
                        new CountDownLatch(1).await();    // the drill waits until the hook interrupts it
                    }
                }, new SplittableRandom(3), DrillSettings.defaults(), (phase, message) -> { });

        DrillResult result;
        try (InterruptGuard guard = InterruptGuard.install(testHooks, Thread.currentThread(),
                Duration.ofSeconds(30))) {   // as DrillCommand.call() guards its drill
            result = service.drill(DrillRequest.of(SimulatedCluster.APP, SimulatedCluster.NAMESPACE,
                    new DrillSelection.Generation(DrillGeneration.NEWEST)));
        }

        assertThat(Thread.interrupted()).isTrue();   // passed on to the caller (and cleared for the next test)
        fired[0].join(Duration.ofSeconds(30));
        assertThat(fired[0].isAlive()).isFalse();    // the hook returned once the drill had cleaned up
        assertThat(hooks).isEmpty();                 // and was unregistered
        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.RESTORE);
            assertThat(failed.reason()).isEqualTo(Reason.INTERRUPTED);
        });
        assertThat(DrillExitCode.of(result.outcome()).code()).isEqualTo(130);
        assertThat(result.cleanupProblems()).isEmpty();
        cluster.step();   // the garbage collector removes the mover Job of the deleted RD
        assertThat(sandboxLeftovers()).isEmpty();
    }

    @Test
    void aGuardWhoseCommandFinishedLetsTheHookReturnAtOnce() {
        InterruptGuard guard = InterruptGuard.install(testHooks, Thread.currentThread(), Duration.ofDays(1));
        guard.close();

        assertThat(guard.fire()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(hooks).isEmpty();
    }

    @Test
    void theHookWaitsAtMostTheGracePeriod() {
        InterruptGuard guard = InterruptGuard.install(testHooks, Thread.currentThread(), Duration.ZERO);

        assertThat(guard.fire()).isFalse();   // the command never finished: the hook gives up after the grace period
        assertThat(Thread.interrupted()).isTrue();
        guard.close();
    }

    /** The objects left in the sandbox (the namespace itself is kept by design). */
    private List<String> sandboxLeftovers() {
        return cluster.objectsIn(SANDBOX);
    }
}
