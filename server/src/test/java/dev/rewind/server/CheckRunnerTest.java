package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.StorageMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {
    static final Path EXAMPLE = Path.of("..", "docs", "examples", "kopia-repository").toAbsolutePath().normalize();
    static final Path EXAMPLE_PASSWORD = EXAMPLE.resolveSibling("kopia-repository.password");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    static final TargetName APP = new TargetName("example");

    @TempDir
    Path tmp;

    static RepositoryTarget example(Path passwordFile, Optional<Duration> maxAge) {
        return new RepositoryTarget(APP, EXAMPLE.toString(), passwordFile,
                Optional.of(new Schedule("0 0 0 1 1 ? 2099", 0)), Optional.of(new Schedule("0 0 3 * * ?", 100)),
                maxAge);
    }

    static CheckRunner runner(Targets targets, StorageMeter meter, java.util.function.Consumer<Run> listener) {
        return new CheckRunner(targets, BlobStoreFactory.standard(CLOCK), meter, Map.of(), CLOCK,
                new SplittableRandom(1), new RunStore(10), listener);
    }

    @Test
    void quickAndDeepVerifyOfTheExampleRepositoryAreHealthy() {
        StorageMeter meter = new StorageMeter();
        CheckRunner runner = runner(new Targets(List.of(example(EXAMPLE_PASSWORD, Optional.empty())), List.of()),
                meter, run -> { });

        Run quick = runner.run(APP, CheckKind.QUICK_VERIFY);
        Run deep = runner.run(APP, CheckKind.DEEP_VERIFY);

        assertThat(quick.outcome()).as("%s", quick).isEqualTo(Outcome.HEALTHY);
        assertThat(deep.outcome()).isEqualTo(Outcome.HEALTHY);
        assertThat(quick.observations().newestSnapshotAt()).isPresent();
        assertThat(runner.runs().find(quick.id())).contains(quick);
        assertThat(runner.runs().latest(APP, CheckKind.DEEP_VERIFY)).contains(deep);
        assertThat(meter.snapshot().totalRequests()).isPositive();
    }

    @Test
    void staleSnapshotsMakeTheRunFailingWithAnErrorFinding() {
        CheckRunner runner = runner(new Targets(List.of(example(EXAMPLE_PASSWORD, Optional.of(Duration.ofMinutes(1)))),
                List.of()), new StorageMeter(), run -> { });

        Run run = runner.run(APP, CheckKind.QUICK_VERIFY);

        assertThat(run.outcome()).isEqualTo(Outcome.FAILING);
        assertThat(run.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(FindingSeverity.ERROR);
            assertThat(f.kind()).isEqualTo("stale-backup");
        });
        assertThat(runner.runs().latestHealthy(APP, CheckKind.QUICK_VERIFY)).isEmpty();
    }

    @Test
    void aWrongPasswordIsAnErrorRunWithoutTheSecret() throws Exception {
        Path wrong = Files.writeString(tmp.resolve("pw"), "not-the-password-42");
        CheckRunner runner = runner(new Targets(List.of(example(wrong, Optional.empty())), List.of()),
                new StorageMeter(), run -> { });

        Run run = runner.run(APP, CheckKind.QUICK_VERIFY);

        assertThat(run.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("WRONG_PASSWORD")
                .doesNotContain("not-the-password-42"));
    }

    @Test
    void aMissingArchiveIsAnErrorRun() {
        ArchiveTarget archive = new ArchiveTarget(new TargetName("pg"), tmp.resolve("nothing").toString(), "pg",
                Optional.empty(), Optional.empty(), Optional.empty());
        CheckRunner runner = runner(new Targets(List.of(), List.of(archive)), new StorageMeter(), run -> { });

        Run run = runner.run(new TargetName("pg"), CheckKind.BARMAN_VERIFY);

        assertThat(run.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(run.error()).isPresent();
    }

    @Test
    void theSchedulerRunsACheckOnDemandThroughQuartz() throws Exception {
        CompletableFuture<Run> done = new CompletableFuture<>();
        CheckRunner runner = runner(new Targets(List.of(example(EXAMPLE_PASSWORD, Optional.empty())), List.of()),
                new StorageMeter(), done::complete);
        try (CheckScheduler scheduler = new CheckScheduler(runner, "check-runner-test").start()) {
            assertThat(scheduler.nextRunAt(APP, CheckKind.DEEP_VERIFY)).isPresent();
            assertThat(scheduler.nextRunAt(APP, CheckKind.BARMAN_VERIFY)).isEmpty();

            scheduler.triggerNow(APP, CheckKind.QUICK_VERIFY);

            Run run = done.get(60, TimeUnit.SECONDS);
            assertThat(run.kind()).isEqualTo(CheckKind.QUICK_VERIFY);
            assertThat(run.outcome()).isEqualTo(Outcome.HEALTHY);
            assertThat(runner.runs().latest(APP, CheckKind.QUICK_VERIFY)).contains(run);
        }
    }

    @Test
    void theHistoryIsBounded() {
        RunStore store = new RunStore(2);
        for (int i = 0; i < 3; i++) {
            store.add(new Run(store.nextId(), APP, CheckKind.QUICK_VERIFY, CLOCK.instant(), Duration.ZERO,
                    i == 0 ? Outcome.HEALTHY : Outcome.FAILING, List.of(), 0, Optional.empty(), Observations.NONE));
        }
        assertThat(store.history()).extracting(Run::id).containsExactly(new RunId(2), new RunId(3));
        assertThat(store.find(new RunId(1))).isEmpty();
        assertThat(store.latestHealthy(APP, CheckKind.QUICK_VERIFY)).map(Run::id).contains(new RunId(1));
    }
}
