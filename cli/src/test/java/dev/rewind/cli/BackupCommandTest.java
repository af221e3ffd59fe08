package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kube.MockCluster;
import dev.rewind.kube.ReferenceCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rewind backup} in-process against the mock API server: the paths that end before waiting (the waiting
 * workflow itself is tested in core against the simulated Volsync, VolsyncBackupTest).
 */
class BackupCommandTest {
    private final MockCluster cluster = new MockCluster();
    @TempDir
    Path dir;

    BackupCommandTest() {
        new ReferenceCluster(cluster).paperlessNgx();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private CliRun backup(String... args) {
        List<String> all = new ArrayList<>(List.of("backup", "--kubeconfig",
                MockClusterKubeconfig.write(cluster, dir).toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void appAndAllAreExclusiveAndOneIsRequired() {
        assertThat(backup().exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        CliRun both = backup("--app", "paperless-ngx", "--all");
        assertThat(both.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void badTimeoutIsInvalidInput() {
        CliRun run = backup("--app", "paperless-ngx", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(run.err()).contains("'soon' is not a duration such as");
    }

    @Test
    void unknownAppIsNotFoundNamingTheKnownApps() {
        CliRun run = backup("--app", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).contains("error: no app 'nope'", "hint: known apps: default/paperless-ngx");
    }

    @Test
    void unreachableRepositoryRefusesBeforeTriggering() {
        CliRun run = backup("--app", "paperless-ngx", "-n", "default");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
        assertThat(run.err()).startsWith("error: cannot read the repository of default/paperless-ngx before triggering");
        assertThat(cluster.takeRequests()).noneMatch(r -> r.startsWith("PATCH"));
    }

    @Test
    void pausedSourceIsRefused() {
        cluster.client().genericKubernetesResources("volsync.backube/v1alpha1", "ReplicationSource")
                .inNamespace("default").withName("paperless-ngx")
                .edit(rs -> {
                    @SuppressWarnings("unchecked")
                    var spec = (java.util.Map<String, Object>) rs.getAdditionalProperties().get("spec");
                    spec.put("paused", true);
                    return rs;
                });

        CliRun run = backup("--app", "paperless-ngx");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
        assertThat(run.err()).contains("error: ReplicationSource default/paperless-ngx is paused", "hint: unpause");
    }

    @Test
    void allWithUnreachableRepositoryReportsEachAppAsFailed() {
        CliRun run = backup("--all", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCode.PARTIAL.code());
        assertThat(run.out()).contains("\"kind\" : \"BackupList\"", "\"outcome\" : \"failed\"",
                "\"reason\" : \"UNAVAILABLE\"");
    }
}
