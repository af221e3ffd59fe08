package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kube.MockCluster;
import dev.rewind.kube.ReferenceCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rewind status} in-process against the mock API server holding the reference cluster. */
class StatusCommandTest {
    private final MockCluster cluster = new MockCluster();
    @TempDir
    Path dir;

    StatusCommandTest() {
        ReferenceCluster reference = new ReferenceCluster(cluster);
        reference.paperlessNgx();
        reference.componentApp("grafana", "observability", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private CliRun status(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("status", "--kubeconfig",
                MockClusterKubeconfig.write(cluster, dir).toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void jsonReportFallsBackToTheStatusWhenTheRepositoryIsOnlyInTheMoverPod() {
        CliRun run = status("-o", "json");

        // filesystem:///repository exists only inside the mover pod: status evidence, flagged, exit 4
        assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS_FOUND.code());
        JsonNode doc = JsonMapper.builder().build().readTree(run.out());
        assertThat(doc.get("kind").asString()).isEqualTo("Status");
        assertThat(doc.get("version").asString()).isEqualTo("v1");
        assertThat(doc.get("apps")).hasSize(2);
        JsonNode paperless = doc.get("apps").get(0);
        assertThat(paperless.get("namespace").asString()).isEqualTo("default");
        assertThat(paperless.get("name").asString()).isEqualTo("paperless-ngx");
        assertThat(paperless.get("evidence").asString()).isEqualTo("status");
        assertThat(paperless.get("reason").asString()).contains("/repository");
        assertThat(paperless.get("schedule").asString()).isEqualTo("20 * * * *");
        assertThat(paperless.get("expectedIntervalSeconds").asLong()).isEqualTo(3600);
        assertThat(paperless.get("flags")).extracting(JsonNode::asString)
                .containsExactly("no_backup", "repository_unreachable");
        assertThat(run.err()).contains("warning: default/paperless-ngx: repository not read: ");
    }

    @Test
    void tableForOneNamespaceAndOneApp() {
        CliRun run = status("-n", "observability", "--app", "grafana");

        assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS_FOUND.code());
        assertThat(run.out()).contains("NAMESPACE", "NEWEST BACKUP", "observability", "grafana", "volsync",
                "no_backup,repository_unreachable").doesNotContain("paperless-ngx");
    }

    @Test
    void kubeconfigFromTheEnvironment() {
        CliRun run = CliRun.withEnvironment(java.util.Map.of("KUBECONFIG", "/nonexistent/config"
                        + java.io.File.pathSeparator + MockClusterKubeconfig.write(cluster, dir)),
                "status", "-n", "default", "-o", "yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS_FOUND.code());
        assertThat(run.out()).contains("kind: Status", "name: paperless-ngx").doesNotContain("grafana");
    }

    @Test
    void unknownAppIsNotFound() {
        CliRun run = status("--app", "nope");

        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).contains("error: no app 'nope'");
    }

    @Test
    void unreachableApiServerIsUnavailable() {
        CliRun run = CliRun.of("status", "--kubeconfig", MockClusterKubeconfig.write(cluster, dir).toString());
        cluster.close();
        CliRun down = status();

        assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS_FOUND.code());
        assertThat(down.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
        assertThat(down.err()).startsWith("error: cannot reach the Kubernetes API server at ");
    }
}
