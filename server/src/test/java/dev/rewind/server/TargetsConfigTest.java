package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsConfigTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void password() throws Exception {
        Files.writeString(tmp.resolve("pw"), "secret\n");
    }

    @Test
    void readsRepositoriesArchivesAndNotifications() {
        ServerConfig config = ServerConfigReader.fromYaml("""
                repositories:
                  - name: app-1
                    url: repo
                    passwordFile: pw
                    maxSnapshotAge: 26h
                    quickVerify: {cron: "0 0/15 * * * ?"}
                    deepVerify: {cron: "0 0 3 * * ?", samplePercent: 5}
                archives:
                  - name: pg-main
                    url: s3://bucket/cnpg
                    maxBackupAge: 8d
                    maxWalAge: PT1H
                    barmanVerify: {cron: "0 0/30 * * * ?"}
                notifications:
                  - {type: webhook, url: "http://127.0.0.1:9/hook"}
                  - {type: ntfy, url: "https://ntfy.sh/topic"}
                """, "t.yaml", tmp, Map.of());

        RepositoryTarget repo = config.repositories().getFirst();
        assertThat(repo.name()).isEqualTo(new TargetName("app-1"));
        assertThat(repo.url()).isEqualTo(tmp.resolve("repo").toString());
        assertThat(repo.passwordFile()).isEqualTo(tmp.resolve("pw"));
        assertThat(repo.maxSnapshotAge()).contains(Duration.ofHours(26));
        assertThat(repo.quickVerify()).contains(new Schedule("0 0/15 * * * ?", 0));
        assertThat(repo.deepVerify()).contains(new Schedule("0 0 3 * * ?", 5));
        ArchiveTarget archive = config.archives().getFirst();
        assertThat(archive.serverName()).isEqualTo("pg-main");
        assertThat(archive.url()).isEqualTo("s3://bucket/cnpg");
        assertThat(archive.maxBackupAge()).contains(Duration.ofDays(8));
        assertThat(archive.maxWalAge()).contains(Duration.ofHours(1));
        assertThat(config.notifications()).containsExactly(
                new NotificationTarget.Webhook(URI.create("http://127.0.0.1:9/hook")),
                new NotificationTarget.Ntfy(URI.create("https://ntfy.sh/topic")));
    }

    @Test
    void theSchedulerSectionSelectsTheClusteredJdbcStoreAndTheEnvironmentOverridesItsUrl() {
        ServerConfig config = ServerConfigReader.fromYaml("""
                scheduler: {jdbcUrl: "jdbc:postgresql://db:5432/rewind", user: quartz, passwordFile: pw}
                """, "t.yaml", tmp, Map.of());
        assertThat(config.cluster()).contains(new ClusterStore("jdbc:postgresql://db:5432/rewind", "quartz",
                Optional.of(tmp.resolve("pw"))));
        assertThat(ServerConfigReader.fromYaml("", "t.yaml", tmp, Map.of()).cluster()).isEmpty();
        assertThat(ServerConfigReader.fromYaml("", "t.yaml", tmp,
                Map.of("REWIND_SCHEDULER_JDBC_URL", "jdbc:postgresql://other/db")).cluster())
                .hasValueSatisfying(c -> assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://other/db"));
    }

    @Test
    void deepVerifyDefaultsToTenPercent() {
        ServerConfig config = ServerConfigReader.fromYaml("""
                repositories:
                  - {name: a, url: /r, passwordFile: pw, deepVerify: {cron: "0 0 3 * * ?"}}
                """, "t.yaml", tmp, Map.of());
        assertThat(config.repositories().getFirst().deepVerify().orElseThrow().samplePercent()).isEqualTo(10);
    }

    @Test
    void theBundledExampleConfigIsValid() {
        Path file = Path.of("..", "docs", "examples", "server.yaml");
        ServerConfig config = ServerConfigReader.read(Optional.of(file), Map.of());
        RepositoryTarget example = config.repositories().getFirst();
        assertThat(Path.of(example.url())).isDirectory();
        assertThat(example.passwordFile()).isRegularFile();
        assertThat(example.quickVerify()).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "repositories: {}|config error: repositories: must be a list",
            "repositories: [{url: /r, passwordFile: pw}]|config error: repositories[0].name: is required",
            "repositories: [{name: Bad_Name, url: /r, passwordFile: pw}]|config error: repositories[0].name: must be",
            "repositories: [{name: a, passwordFile: pw}]|config error: repositories[0].url: is required",
            "repositories: [{name: a, url: /r, passwordFile: nope}]|config error: repositories[0].passwordFile: file not found",
            "repositories: [{name: a, url: /r, passwordFile: pw, colour: red}]|config error: repositories[0].colour: unknown setting",
            "repositories: [{name: a, url: /r, passwordFile: pw, quickVerify: {cron: '0 61 * * * ?'}}]|config error: repositories[0].quickVerify.cron: invalid cron expression",
            "repositories: [{name: a, url: /r, passwordFile: pw, quickVerify: {cron: '* * * * * ?', samplePercent: 101}}]|config error: repositories[0].quickVerify.samplePercent: must be a number 0..100",
            "repositories: [{name: a, url: /r, passwordFile: pw, maxSnapshotAge: soon}]|config error: repositories[0].maxSnapshotAge: must be a duration",
            "repositories: [{name: a, url: /r, passwordFile: pw, maxSnapshotAge: 0h}]|config error: repositories[0].maxSnapshotAge: must be positive",
            "repositories: [{name: a, url: /r, passwordFile: pw}, {name: a, url: /s, passwordFile: pw}]|config error: repositories[1].name: duplicate target name",
            "archives: [{name: a, url: /r, serverName: 'x/y'}]|config error: archives[0].serverName: must be a folder name",
            "archives: [{name: a, url: /r, maxWalAge: 5x}]|config error: archives[0].maxWalAge: must be a duration",
            "notifications: [{type: email, url: 'http://h/'}]|config error: notifications[0].type: must be webhook or ntfy",
            "notifications: [{type: ntfy, url: 'ftp://h/'}]|config error: notifications[0].url: must be an http:// or https:// URL",
            "scheduler: {user: rewind}|config error: scheduler.jdbcUrl: is required",
            "scheduler: {jdbcUrl: 'jdbc:mysql://h/db'}|config error: scheduler.jdbcUrl: must be a jdbc:postgresql:// URL",
            "scheduler: {jdbcUrl: 'jdbc:postgresql://h/db', passwordFile: nope}|config error: scheduler.passwordFile: file not found",
    })
    void errorsNameTheField(String yaml, String message) {
        assertThatThrownBy(() -> ServerConfigReader.fromYaml(yaml, "t.yaml", tmp, Map.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }
}
