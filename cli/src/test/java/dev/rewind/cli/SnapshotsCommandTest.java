package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.format.KeyDerivationAlgorithm;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.s3.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rewind snapshots} and {@code rewind ls} in-process, on the example repository and over in-JVM S3. */
class SnapshotsCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = RepositoryFiles.path("docs/examples/kopia-repository");
    private static final String PASSWORD_FILE = RepositoryFiles.path("docs/examples/kopia-repository.password")
            .toString();

    private static CliRun example(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--repository";
        all[args.length + 1] = "filesystem://" + EXAMPLE.toAbsolutePath();
        all[args.length + 2] = "--password-file";
        all[args.length + 3] = PASSWORD_FILE;
        return CliRun.of(all);
    }

    @Test
    void listsEverySourceNewestFirstAsATable() {
        CliRun run = example("snapshots");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("SOURCE", ExampleRepository.PAPERLESS, ExampleRepository.GRAFANA);
        int newest = run.out().indexOf("2026-11-30T02:00:00Z");
        int oldest = run.out().indexOf("2026-11-28T02:00:00Z");
        assertThat(newest).isPositive().isLessThan(oldest);
    }

    @Test
    void marksTheSnapshotVolsyncsRestoreAsOfWouldPickComparingInstantsInUtc() {
        // 2026-11-29T03:30:00+01:00 is 02:30Z: the paperless snapshot of 2026-11-29T02:00Z is the newest at or before
        CliRun run = example("snapshots", "--source", ExampleRepository.PAPERLESS, "--as-of",
                "2026-11-29T03:30:00.5+01:00", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("kind").asString()).isEqualTo("SnapshotList");
        JsonNode snaps = doc.get("sources").get(0).get("snapshots");
        assertThat(snaps.size()).isEqualTo(3);
        assertThat(snaps.get(1).get("startAt").asString()).isEqualTo("2026-11-29T02:00:00Z");
        assertThat(snaps.get(1).get("selectedAsOf").asBoolean()).isTrue();
        assertThat(snaps.get(0).get("selectedAsOf").asBoolean()).isFalse();
        assertThat(snaps.get(0).get("files").asLong()).isEqualTo(4);
    }

    @Test
    void lsListsADirectoryInsideASnapshotByIdPrefix() {
        CliRun list = example("snapshots", "--source", ExampleRepository.PAPERLESS, "-o", "json");
        String id = JSON.readTree(list.out()).get("sources").get(0).get("snapshots").get(0).get("id").asString();
        CliRun run = example("ls", id.substring(0, 8), "media/documents/originals");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("0000001.pdf", "0000002.pdf", "0000004.pdf", "file");
    }

    @Test
    void readsARepositoryOnS3WithCredentialsFromTheEnvironment() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        InMemoryBlobStore memory = new InMemoryBlobStore(clock);
        FormatBlobWriter format = FormatBlobWriter.withDefaults(new SplittableRandom(5)).password("s3cret")
                .keyDerivation(KeyDerivationAlgorithm.PBKDF2_SHA256_600000);
        KopiaFixtureWriter.create(memory, format, new SplittableRandom(6), clock)
                .snapshot("grafana@observability:/data", Instant.parse("2026-11-01T01:00:00Z"))
                .file("grafana.db", "db".getBytes(StandardCharsets.UTF_8)).commit();
        Map<String, byte[]> blobs = new TreeMap<>();
        memory.snapshot().forEach((k, v) -> blobs.put(k.value(), v));
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("volsync");
            s3.putAll("volsync", "grafana/", blobs);
            Map<String, String> env = Map.of(
                    "KOPIA_REPOSITORY", "s3://volsync/grafana",
                    "KOPIA_PASSWORD", "s3cret",
                    "KOPIA_S3_ENDPOINT", "127.0.0.1:" + s3.port(),
                    "KOPIA_S3_DISABLE_TLS", "true",
                    "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
            CliRun run = CliRun.withEnvironment(env, "snapshots");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("grafana@observability:/data", "2026-11-01T01:00:00Z");
            assertThat(run.out() + run.err()).doesNotContain("s3cret", S3ProxyServer.SECRET_KEY);

            Map<String, String> wrongKey = new TreeMap<>(env);
            wrongKey.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-key-000000000000000");
            CliRun denied = CliRun.withEnvironment(wrongKey, "snapshots");
            assertThat(denied.exitCode()).isEqualTo(6);
            assertThat(denied.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
            assertThat(denied.err()).doesNotContain("wrong-secret-key", "Exception");
        }
    }

    @Test
    void badInputGivesOneErrorLineAndTheDocumentedExitCode(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("pw"), "not-the-password\n");
        CliRun wrongPassword = CliRun.of("snapshots", "--repository", "filesystem://" + EXAMPLE.toAbsolutePath(),
                "--password-file", wrong.toString());
        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.err()).startsWith("error: ").contains("wrong password for repository");

        CliRun missing = CliRun.of("snapshots", "--repository", "filesystem://" + dir.resolve("nothing"),
                "--password-file", wrong.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains(dir.resolve("nothing").toString(), "does not exist");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun noRepository = CliRun.of("snapshots", "--repository", "filesystem://" + empty,
                "--password-file", wrong.toString());
        assertThat(noRepository.exitCode()).isEqualTo(3);
        assertThat(noRepository.err()).contains("no Kopia repository", empty.toString());

        CliRun malformed = CliRun.of("snapshots", "--repository", "ftp://x", "--password-file", wrong.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("error: ");

        CliRun badTime = example("snapshots", "--as-of", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("RFC 3339");

        CliRun noPassword = CliRun.of("snapshots", "--repository", "filesystem://" + EXAMPLE.toAbsolutePath());
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("KOPIA_PASSWORD");

        for (CliRun run : new CliRun[] {wrongPassword, missing, noRepository, malformed, badTime, noPassword}) {
            assertThat(run.err()).doesNotContain("\tat ");
            assertThat(run.out()).isEmpty();
        }
    }
}
