package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.kube.SimulatedCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rewind restore} in-process against the mock API server with the reference cluster's paperless-ngx. */
class RestoreCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;
    private SimulatedCluster cluster;
    private SnapshotCatalog catalog;
    private String kubeconfig;

    @BeforeEach
    void setUp() throws Exception {
        ExamplePaperless paperless = ExamplePaperless.start(dir);
        cluster = paperless.cluster();
        catalog = paperless.catalog();
        kubeconfig = paperless.kubeconfig();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private CliRun restore(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("restore", "--app", "paperless-ngx", "-n", "default",
                "--kubeconfig", kubeconfig));
        all.addAll(List.of(args));
        return CliRun.withEnvironment(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void dryRunPrintsThePlanAsJsonAndChangesNothing() {
        CliRun run = restore("--previous", "1", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = JSON.readTree(run.out());
        SnapshotManifest expected = catalog.getPrevious(SourceInfo.parse(ExampleRepository.PAPERLESS), 1,
                dev.rewind.kopia.snapshot.SnapshotEligibility.COMPLETE_ONLY);
        assertThat(plan.path("kind").asString()).isEqualTo("RestorePlan");
        assertThat(plan.path("snapshotId").asString()).isEqualTo(expected.id().toString());
        assertThat(plan.path("snapshotStartTime").asString()).isEqualTo(expected.startTimeText());
        assertThat(plan.path("manifests").toString()).contains("\"copyMethod\":\"Direct\"")
                .contains("\"restoreAsOf\":\"" + expected.startTimeText() + "\"");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
        assertThat(run.err()).contains("would suspend HelmRelease default/paperless-ngx");
    }

    @Test
    void timestampTogetherWithPreviousIsInvalidUsage() {
        CliRun run = restore("--previous", "1", "--timestamp", "2026-11-29T02:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error:").contains("choose one of timestamp, previous and snapshot id");
    }

    @Test
    void aMissingPermissionIsUnavailableAndNamesIt() {
        cluster.deny("patch", "kustomizations");

        CliRun run = restore("--dry-run");

        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("patch kustomizations.kustomize.toolkit.fluxcd.io -n flux-system");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void noSnapshotAtOrBeforeTheTimestampIsNotFound() {
        CliRun run = restore("--timestamp", "2020-01-01T00:00:00+01:00", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("at or before 2019-12-31T23:00:00Z");
    }

    @Test
    void anUnknownAppIsNotFoundAndTouchesNothing() {
        CliRun run = CliRun.withEnvironment(Map.of(), "restore", "--app", "no-such-app", "-n", "default",
                "--kubeconfig", kubeconfig);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .contains("no-such-app");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void aMalformedTimestampIsInvalidUsageAndTouchesNothing() {
        CliRun run = restore("--timestamp", "2026-11-29 25:00");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error:").contains("2026-11-29 25:00").contains("RFC 3339");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void aWrongRepositoryPasswordIsInvalidInputNeverShownAndTouchesNothing() {
        cluster.repository("filesystem://" + dir.resolve("repository").toAbsolutePath(), "not-the-password-42");

        CliRun run = restore("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("error:").contains("password").doesNotContain("not-the-password-42");
        assertThat(run.out()).doesNotContain("not-the-password-42");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void aRepositoryThatIsNotMountedIsNotFoundBeforeAnythingChanges() {
        cluster.repository("filesystem://" + dir.resolve("nfs-not-mounted").toAbsolutePath(),
                ExampleRepository.PASSWORD);

        CliRun run = restore();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .contains("nfs-not-mounted");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void resumeWithoutAJournalIsNotFound() {
        CliRun run = restore("--resume");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no unfinished restore of default/paperless-ngx");
    }

    @Test
    void dataPathWithoutVerifyIsInvalidUsageAndTouchesNothing() {
        CliRun run = restore("--data-path", "media");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: --data-path media needs --verify");
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void aDataPathLeavingTheVolumeIsInvalidUsage() {
        CliRun run = restore("--verify", "--data-path", "../etc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: --data-path '../etc' is not a plain path inside the volume");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void newRestoreFlagsWithResumeAreInvalidUsage() {
        CliRun run = restore("--resume", "--follow");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("apply to a new restore; --resume/--abort continue with the journalled choices");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void verifyAndFollowAppearInThePlan() {
        CliRun run = restore("--verify", "--follow", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = JSON.readTree(run.out());
        assertThat(plan.path("steps").toString()).contains("stream the mover's log (container kopia)")
                .contains("POST_VERIFY: count the files under / of claim paperless-ngx with pod paperless-ngx-rewind-");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void anHpaThatScalesFromZeroIsRefusedUntilIgnored() {
        cluster.horizontalPodAutoscaler("paperless-ngx", 0);

        CliRun refused = restore("--dry-run");
        CliRun ignored = restore("--dry-run", "--ignore-autoscalers");

        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.err()).contains("error: HorizontalPodAutoscaler default/paperless-ngx (minReplicas 0) may"
                + " scale StatefulSet default/paperless-ngx up while it is restored");
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(ignored.err()).contains("warning: HorizontalPodAutoscaler default/paperless-ngx");
        assertThat(cluster.takeMutatingRequests()).isEmpty();
    }
}
