package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code cluster:} section: defaults, every setting, and field-named errors. */
class ClusterConfigTest {
    @TempDir
    Path tmp;

    private ServerConfig read(String yaml) {
        return ServerConfigReader.fromYaml(yaml, "t.yaml", tmp, Map.of());
    }

    @Test
    void withoutTheSectionThereIsNoCluster() {
        assertThat(read("http: {port: 0}").discovery()).isEmpty();
    }

    @Test
    void anEmptySectionMeansEveryNamespaceWithDefaultSchedulesAndNoBackups() {
        assertThat(read("cluster: {}").discovery()).contains(ClusterDiscovery.defaults());
        ClusterDiscovery defaults = ClusterDiscovery.defaults();
        assertThat(defaults.namespaces()).isEmpty();
        assertThat(defaults.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.quickVerify()).contains(new Schedule("0 0/15 * * * ?", 0));
        assertThat(defaults.deepVerify()).contains(new Schedule("0 0 3 * * ?", 10));
        assertThat(defaults.barmanVerify()).contains(new Schedule("0 0/30 * * * ?", 0));
        assertThat(defaults.backup()).isEmpty();
    }

    @Test
    void readsEverySetting() throws Exception {
        Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\n");
        ClusterDiscovery cluster = read("""
                cluster:
                  kubeconfig: kubeconfig
                  context: home
                  namespaces: [default, media]
                  discoveryInterval: 5m
                  quickVerify: {cron: "0 0/20 * * * ?"}
                  deepVerify: false
                  barmanVerify: {cron: "0 0 * * * ?"}
                  backupTrigger:
                    cron: "0 0 1 * * ?"
                    apps: [default/paperless-ngx, immich]
                """).discovery().orElseThrow();

        assertThat(cluster.kubeconfig()).contains(tmp.resolve("kubeconfig"));
        assertThat(cluster.context()).contains("home");
        assertThat(cluster.namespaces()).containsExactly("default", "media");
        assertThat(cluster.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cluster.quickVerify()).contains(new Schedule("0 0/20 * * * ?", 0));
        assertThat(cluster.deepVerify()).isEmpty();
        assertThat(cluster.barmanVerify()).contains(new Schedule("0 0 * * * ?", 0));
        ClusterDiscovery.BackupTriggers backup = cluster.backup().orElseThrow();
        assertThat(backup.schedule().cron()).isEqualTo("0 0 1 * * ?");
        assertThat(backup.selects("default", "paperless-ngx")).isTrue();
        assertThat(backup.selects("media", "immich")).isTrue();
        assertThat(backup.selects("media", "paperless-ngx")).isFalse();
        assertThat(new ClusterDiscovery.BackupTriggers(backup.schedule(), Set.of()).selects("any", "app")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cluster: {kubeconfig: missing}|cluster.kubeconfig: file not found",
        "cluster: {namespaces: default}|cluster.namespaces: must be a list",
        "cluster: {namespaces: [Default]}|cluster.namespaces[0]: must be a namespace name, got \"Default\"",
        "cluster: {discoveryInterval: soon}|cluster.discoveryInterval: must be a duration",
        "cluster: {quickVerify: {cron: \"* * *\"}}|cluster.quickVerify.cron: invalid cron expression",
        "cluster: {quickVerify: true}|cluster.quickVerify: must be a mapping with cron, or false to disable",
        "cluster: {deepVerify: {cron: \"0 0 3 * * ?\", samplePercent: 150}}|cluster.deepVerify.samplePercent:",
        "cluster: {backupTrigger: {apps: [x]}}|cluster.backupTrigger.cron: is required",
        "cluster: {backupTrigger: {cron: \"0 0 1 * * ?\", apps: []}}|cluster.backupTrigger.apps: must be a non-empty",
        "cluster: {backupTrigger: {cron: \"0 0 1 * * ?\", apps: [a/b/c]}}|cluster.backupTrigger.apps[0]: must be",
        "cluster: {watch: true}|cluster.watch: unknown setting",
    })
    void errorsNameTheField(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith("config error: ").contains(message);
        });
    }

    @Test
    void discoveredTargetsJoinTheConfiguredOnesInTargets() {
        Targets targets = new Targets(List.of(), List.of());
        assertThat(targets.discovered()).isEqualTo(DiscoveredTargets.NONE);
        assertThat(targets.kindsOf(new TargetName("default.app"))).isEmpty();
        assertThat(read("cluster: {}").discovery().map(ClusterDiscovery::backup)).contains(Optional.empty());
    }
}
