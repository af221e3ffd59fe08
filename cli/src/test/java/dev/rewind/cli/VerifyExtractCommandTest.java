package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rewind verify} and {@code rewind extract} in-process on (copies of) the example repository. */
class VerifyExtractCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = RepositoryFiles.path("docs/examples/kopia-repository");
    private static final String PASSWORD_FILE = RepositoryFiles.path("docs/examples/kopia-repository.password")
            .toString();

    private static CliRun on(Path repository, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repository", "filesystem://" + repository.toAbsolutePath(),
                "--password-file", PASSWORD_FILE));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static Path copyOfExample(Path dir) throws Exception {
        Path copy = dir.resolve("repo");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(EXAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    @Test
    void deepVerifyOfTheExampleSucceedsWithOneLinePerSourceAndASummary() {
        CliRun run = on(EXAMPLE, "verify", "--deep");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("SOURCE");
        assertThat(lines.get(3)).startsWith("(2 sources)").contains("OK");
    }

    @Test
    void aMissingPackIsAnErrorFindingWithExitCode4AndJsonNamingTheBlob(@TempDir Path dir) throws Exception {
        Path repo = copyOfExample(dir);
        Path pack;
        try (Stream<Path> packs = Files.walk(repo.resolve("p"))) {
            pack = packs.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(pack);
        String blob = repo.resolve("p").relativize(pack).toString().replace("/", "").replace(".f", "");

        CliRun run = on(repo, "verify", "-o", "json");
        assertThat(run.exitCode()).isEqualTo(4);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("kind").asString()).isEqualTo("VerifyReport");
        assertThat(doc.get("result").asString()).isEqualTo("FAILED");
        List<String> blobs = new ArrayList<>();
        doc.get("sources").forEach(s -> s.get("findings").forEach(f -> {
            if (f.get("kind").asString().equals("missing-pack")) {
                blobs.add(f.get("blob").asString());
            }
        }));
        assertThat(blobs).contains("p" + blob);
    }

    @Test
    void maxAgeTurnsAnOldBackupIntoAStaleFinding() {
        CliRun run = on(EXAMPLE, "verify", "--max-age", "1h", "--source", "grafana@observability:/data");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("grafana@observability:/data", "FAILED");
        assertThat(run.err()).contains("[ERROR]").doesNotContain("error:");
    }

    @Test
    void extractWritesTheSnapshotAndARerunSkipsCompleteFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("restore");
        CliRun first = on(EXAMPLE, "extract", "--source", "paperless-ngx@default:/data",
                "--timestamp", "2026-11-29T12:00:00+01:00", "--to", target.toString(), "-o", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode report = JSON.readTree(first.out());
        assertThat(report.get("snapshotStartAt").asString()).isEqualTo("2026-11-29T02:00:00Z");
        assertThat(Files.readString(target.resolve("media/documents/originals/0000001.pdf")))
                .isEqualTo("%PDF-1.7 invoice 2026-001\n");
        assertThat(Files.readSymbolicLink(target.resolve("media/latest.pdf")))
                .isEqualTo(Path.of("documents/originals/0000002.pdf"));

        CliRun refused = on(EXAMPLE, "extract", "--source", "paperless-ngx@default:/data",
                "--timestamp", "2026-11-29T12:00:00Z", "--to", target.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: ");

        CliRun again = on(EXAMPLE, "extract", "--source", "paperless-ngx@default:/data",
                "--timestamp", "2026-11-29T12:00:00Z", "--to", target.toString(), "--force", "-o", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("skippedFiles").asLong()).isEqualTo(4);
    }

    @Test
    void extractNeedsASourceWhenTheRepositoryHasSeveralAndATimestampBeforeTheFirstIsNotFound(@TempDir Path dir) {
        CliRun ambiguous = on(EXAMPLE, "extract", "--timestamp", "2026-11-29T12:00:00Z", "--to",
                dir.resolve("a").toString());
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--source");

        CliRun tooEarly = on(EXAMPLE, "extract", "--source", "grafana@observability:/data", "--timestamp",
                "2020-01-01T00:00:00Z", "--to", dir.resolve("b").toString());
        assertThat(tooEarly.exitCode()).isEqualTo(3);

        CliRun both = on(EXAMPLE, "extract", "--timestamp", "2026-11-29T12:00:00Z", "--snapshot", "abc",
                "--to", dir.resolve("c").toString());
        assertThat(both.exitCode()).isEqualTo(2);
    }
}
