package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.drill.DrillCounts;
import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillPhase;
import dev.rewind.drill.DrillResult;
import dev.rewind.error.Reason;
import dev.rewind.kube.SimulatedCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rewind drill} in-process against the mock API server: refusals create nothing and exit as documented. */
class DrillCommandTest {
    @TempDir
    Path dir;
    private SimulatedCluster cluster;
    private String kubeconfig;

    @BeforeEach
    void setUp() throws Exception {
        ExamplePaperless paperless = ExamplePaperless.start(dir);
        cluster = paperless.cluster();
        kubeconfig = paperless.kubeconfig();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private CliRun drill(String app, String... args) {
        List<String> all = new ArrayList<>(List.of("drill", "--app", app, "-n", "default", "--kubeconfig",
                kubeconfig));
        all.addAll(List.of(args));
        return CliRun.withEnvironment(Map.of(), all.toArray(String[]::new));
    }

    private void assertNothingCreated() {
        assertThat(cluster.takeMutatingRequests()).isEmpty();
        assertThat(cluster.client().namespaces().withName("rewind-drills").get()).isNull();
    }

    @Test
    void anUnknownAppIsNotFound() {
        CliRun run = drill("nextcloud");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("error:").contains("nextcloud");
        assertNothingCreated();
    }

    @Test
    void snapshotTogetherWithAsOfIsInvalidUsage() {
        CliRun run = drill("paperless-ngx", "--snapshot", "abc123", "--as-of", "2026-11-29T02:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("choose one of --snapshot, --as-of and --generation");
        assertNothingCreated();
    }

    @Test
    void aFutureAsOfIsInvalidInput() {
        CliRun run = drill("paperless-ngx", "--as-of", "2099-01-01T00:00:00+01:00");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("timestamp 2098-12-31T23:00:00Z is in the future");
        assertNothingCreated();
    }

    @Test
    void anUnknownGenerationIsInvalidUsage() {
        CliRun run = drill("paperless-ngx", "--generation", "monthly");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown drill generation 'monthly'");
        assertNothingCreated();
    }

    @Test
    void aSandboxThatIsNoNamespaceNameIsInvalidInput() {
        CliRun run = drill("paperless-ngx", "--sandbox-namespace", "Rewind_Drills");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sandbox namespace 'Rewind_Drills'");
        assertNothingCreated();
    }

    @Test
    void aFailedDrillExitsFourAnInterruptedOne130AndCleanupTroubleFive() {
        assertThat(DrillExitCode.of(new DrillOutcome.Passed())).isEqualTo(ExitCode.SUCCESS);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.CHECK, Reason.CORRUPT, "x")))
                .isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.RESTORE, Reason.INTERRUPTED, "x")))
                .isEqualTo(ExitCode.INTERRUPTED);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.CLEANUP, Reason.PARTIAL, "x")))
                .isEqualTo(ExitCode.PARTIAL);
    }

    @Test
    void onlyABadBackupExitsFourOtherFailuresExitWithTheirReasonsCode() {
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.RESTORE, Reason.PARTIAL, "restored"
                + " nothing"))).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.CHECK, Reason.PARTIAL, "check command")))
                .isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.PREPARE, Reason.UNAVAILABLE, "quota")))
                .isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.PREPARE, Reason.CONFLICT, "terminating")))
                .isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.RESTORE, Reason.TIMEOUT, "x")))
                .isEqualTo(ExitCode.TIMEOUT);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.RESTORE, Reason.UNAVAILABLE, "mover")))
                .isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.CHECK, Reason.TIMEOUT, "pending")))
                .isEqualTo(ExitCode.TIMEOUT);
        assertThat(DrillExitCode.of(new DrillOutcome.Failed(DrillPhase.CHECK, Reason.INTERNAL, "bug")))
                .isEqualTo(ExitCode.INTERNAL_ERROR);
    }

    @Test
    void theViewShowsExpectedAgainstFoundAndTheTimeToRestore() {
        Instant at = Instant.parse("2026-11-30T17:00:00Z");
        DrillResult result = new DrillResult("paperless-ngx", "default", "rewind-drills", DrillGeneration.DAILY,
                Optional.empty(), Optional.empty(), at, at.plusSeconds(90), Map.of(DrillPhase.RESTORE,
                Duration.ofSeconds(60)), Optional.of(Duration.ofSeconds(60)), Optional.of(new DrillCounts(4, 100)),
                Optional.of(new DrillCounts(3, 90)), OptionalInt.empty(),
                new DrillOutcome.Failed(DrillPhase.CHECK, Reason.CORRUPT, "the restored volume holds 3 files"),
                List.of());

        DrillView view = DrillView.of(result);

        assertThat(view.outcome()).isEqualTo("FAILED");
        assertThat(view.generation()).isEqualTo("daily");
        assertThat(view.table().rows()).contains(List.of("outcome", "FAILED in CHECK (CORRUPT)"),
                List.of("expected", "4 files, 100 bytes"), List.of("found", "3 files, 90 bytes"));
        assertThat(view.timeToRestore()).contains(Duration.ofSeconds(60));
        java.io.StringWriter json = new java.io.StringWriter();
        dev.rewind.cli.output.OutputFormat.JSON.renderer().render(view, new java.io.PrintWriter(json, true));
        tools.jackson.databind.JsonNode node = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(json.toString());
        assertThat(node.path("kind").asString()).isEqualTo("DrillResult");
        assertThat(node.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(node.path("reason").asString()).isEqualTo("CORRUPT");
        assertThat(node.path("expectedFiles").asLong()).isEqualTo(4);
        assertThat(node.path("foundFiles").asLong()).isEqualTo(3);
        assertThat(node.path("snapshotId").isNull() || node.path("snapshotId").isMissingNode()).isTrue();
    }
}
