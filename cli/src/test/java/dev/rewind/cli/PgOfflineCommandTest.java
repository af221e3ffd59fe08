package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.pg.RealArchiveFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rewind pg status|backups|verify --archive file:///… --server-name N} over a real barman-cloud archive. */
class PgOfflineCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path mirror;

    private String url;

    @BeforeEach
    void writeArchive() {
        RealArchiveFixture.writeTo(mirror, "postgres");
        url = mirror.toUri().toString();
    }

    @Test
    void statusAsJsonShowsTheWindowAndTheLatestBackup() {
        CliRun run = CliRun.of("pg", "status", "--archive", url, "--server-name", "postgres", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.get("kind").asString()).isEqualTo("PgStatus");
        assertThat(status.get("server").asString()).isEqualTo("postgres");
        assertThat(status.get("backups").asInt()).isEqualTo(2);
        assertThat(status.get("restorableBackups").asInt()).isEqualTo(2);
        assertThat(status.get("latestBackup").asString()).isEqualTo(RealArchiveFixture.SECOND_BACKUP);
        assertThat(status.get("recoverableFromAt").asString()).isEqualTo(RealArchiveFixture.EARLIEST.toString());
        assertThat(status.get("recoverableUntilAt").asString()).isEqualTo(RealArchiveFixture.LATEST.toString());
        assertThat(status.get("lastArchivedWal").asString()).isEqualTo("000000020000000000000012");
    }

    @Test
    void backupsTableListsBothBackups() {
        CliRun run = CliRun.of("pg", "backups", "--archive", url, "--server-name", "postgres");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out()).startsWith("BACKUP ID").contains(RealArchiveFixture.FIRST_BACKUP + "  DONE",
                RealArchiveFixture.SECOND_BACKUP + "  DONE");
    }

    @Test
    void aMissingSegmentMakesVerifyExit4AndNamesIt() throws IOException {
        Files.delete(mirror.resolve("postgres/wals/0000000100000000/00000001000000000000000A.gz"));
        CliRun run = CliRun.of("pg", "verify", "--archive", url, "--server-name", "postgres", "-o", "json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS_FOUND.code());
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("kind").asString()).isEqualTo("PgVerifyReport");
        assertThat(report.get("findings").valueStream().filter(f -> f.get("kind").asString().equals("WalMissing"))
                .map(f -> f.get("subject").asString()).toList()).anySatisfy(s ->
                assertThat(s).contains("00000001000000000000000A"));
        assertThat(run.err()).contains("server postgres in file://");
    }

    @Test
    void anUnknownServerIsNotFound() {
        CliRun run = CliRun.of("pg", "status", "--archive", url, "--server-name", "nope");
        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(run.err()).startsWith("error: no barman server 'nope'");
    }

    @Test
    void neitherClusterNorArchiveIsInvalidUsage() {
        CliRun run = CliRun.of("pg", "status");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(run.err()).contains("--cluster or --archive");
        CliRun noServer = CliRun.of("pg", "verify", "--archive", url);
        assertThat(noServer.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(noServer.err()).contains("--server-name");
    }

    @Test
    void pgHelpListsItsSubcommands() {
        CliRun run = CliRun.of("pg", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("status", "backups", "verify", "restore", "backup");
        assertThat(CliRun.of("pg", "restore", "--help").out()).contains("--timestamp", "--new-name", "--apply",
                "docs/runbooks/restore-postgres.md");
    }

    @Test
    void s3ArchiveWithCredentialsFromTheEnvironment() throws Exception {
        try (var s3 = dev.rewind.storage.s3.S3ProxyServer.start()) {
            s3.createBucket("postgres-backups");
            RealArchiveFixture.objects("postgres").forEach((k, o) -> s3.put("postgres-backups", "cnpg/" + k,
                    o.bytes()));
            java.util.Map<String, String> env = java.util.Map.of(
                    "AWS_ACCESS_KEY_ID", dev.rewind.storage.s3.S3ProxyServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", dev.rewind.storage.s3.S3ProxyServer.SECRET_KEY);
            CliRun run = CliRun.withEnvironment(env, "pg", "backups", "--archive", "s3://postgres-backups/cnpg",
                    "--server-name", "postgres", "--endpoint", s3.endpoint().toString(), "-o", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(JSON.readTree(run.out()).get("backups").valueStream().map(b -> b.get("backupId").asString())
                    .toList()).containsExactly(RealArchiveFixture.FIRST_BACKUP, RealArchiveFixture.SECOND_BACKUP);

            CliRun wrong = CliRun.withEnvironment(java.util.Map.of("AWS_ACCESS_KEY_ID", "nobody",
                    "AWS_SECRET_ACCESS_KEY", "not-the-secret-x7q"), "pg", "status", "--archive", "s3://postgres-backups/cnpg",
                    "--server-name", "postgres", "--endpoint", s3.endpoint().toString());
            assertThat(wrong.exitCode()).isEqualTo(ExitCode.UNAVAILABLE.code());
            assertThat(wrong.err()).startsWith("error: ").doesNotContain("wrong\n");
        }
    }
}
