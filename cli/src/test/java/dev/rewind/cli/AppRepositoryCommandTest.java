package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.format.KeyDerivationAlgorithm;
import dev.rewind.kube.MockCluster;
import dev.rewind.kube.ReferenceCluster;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.kopia.FilesystemExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --app}: the reference cluster's paperless-ngx (mock API server) names its repository secret and Kopia
 * identity; the repository itself is the NFS share the mover mounts at {@code /repository}, reached here through a
 * local mount given with {@code --repository}.
 */
class AppRepositoryCommandTest {
    private static final String PASSWORD = "test-only-kopia-password"; // the reference fixture Secret's value
    private final MockCluster cluster = new MockCluster();
    @TempDir
    Path dir;

    AppRepositoryCommandTest() {
        ReferenceCluster reference = new ReferenceCluster(cluster);
        reference.paperlessNgx();
        reference.componentApp("grafana", "observability", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private Path nfsMount() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        InMemoryBlobStore memory = new InMemoryBlobStore(clock);
        FormatBlobWriter format = FormatBlobWriter.withDefaults(new SplittableRandom(9)).password(PASSWORD)
                .keyDerivation(KeyDerivationAlgorithm.PBKDF2_SHA256_600000);
        KopiaFixtureWriter w = KopiaFixtureWriter.create(memory, format, new SplittableRandom(10), clock);
        w.snapshot("paperless-ngx@default:/data", Instant.parse("2026-11-29T00:20:00Z"))
                .file("media/a.pdf", "a".getBytes(StandardCharsets.UTF_8)).commit();
        w.snapshot("paperless-ngx@default:/data", Instant.parse("2026-11-29T01:20:00Z"))
                .file("media/a.pdf", "b".getBytes(StandardCharsets.UTF_8)).commit();
        w.snapshot("grafana@observability:/data", Instant.parse("2026-11-29T01:00:00Z"))
                .file("grafana.db", "g".getBytes(StandardCharsets.UTF_8)).commit();
        Path root = FilesystemExport.write(memory, dir.resolve("nfs"));
        return root;
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kubeconfig";
        all[args.length + 1] = MockClusterKubeconfig.write(cluster, dir).toString();
        return CliRun.of(all);
    }

    @Test
    void snapshotsOfAnAppListOnlyItsKopiaIdentityWithThePasswordFromItsSecret() throws Exception {
        Path nfs = nfsMount();
        CliRun run = run("snapshots", "--app", "paperless-ngx", "-n", "default", "--repository",
                "filesystem://" + nfs, "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sources = JsonMapper.builder().build().readTree(run.out()).get("sources");
        assertThat(sources.size()).isEqualTo(1);
        assertThat(sources.get(0).get("source").asString()).isEqualTo("paperless-ngx@default:/data");
        assertThat(sources.get(0).get("snapshots").size()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void verifyOfAnAppTakesItsRpoFromTheReplicationSourceSchedule() throws Exception {
        Path nfs = nfsMount();
        // hourly schedule (20 * * * *): stale after 2 h; the newest snapshot is days old at the real clock
        CliRun run = run("verify", "--app", "paperless-ngx", "--repository", "filesystem://" + nfs, "-o", "json");
        assertThat(run.exitCode()).isEqualTo(4);
        JsonNode doc = JsonMapper.builder().build().readTree(run.out());
        assertThat(doc.get("sources").size()).isEqualTo(1);
        JsonNode kinds = doc.get("sources").get(0).get("findings");
        assertThat(kinds.findValuesAsString("kind")).contains("stale-backup");

        CliRun relaxed = run("verify", "--app", "paperless-ngx", "--repository", "filesystem://" + nfs,
                "--max-age", "3650d");
        assertThat(relaxed.exitCode()).as(relaxed.err()).isZero();
    }

    @Test
    void extractOfAnAppPicksItsSourceAndUnknownAppsAreNotFound() throws Exception {
        Path nfs = nfsMount();
        Path target = dir.resolve("out");
        CliRun run = run("extract", "--app", "paperless-ngx", "--repository", "filesystem://" + nfs,
                "--timestamp", "2026-11-29T01:00:00Z", "--to", target.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(target.resolve("media/a.pdf"))).isEqualTo("a");

        CliRun unknown = run("snapshots", "--app", "nope", "--repository", "filesystem://" + nfs);
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).startsWith("error: ");
    }

    @Test
    void verifyAllChecksEveryAppOfTheClusterAgainstTheSharedRepositoryOpenedOnce() throws Exception {
        Path nfs = nfsMount();
        CliRun run = run("verify", "--all", "--repository", "filesystem://" + nfs, "--max-age", "3650d", "-o",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(run.out());
        assertThat(doc.get("sources").findValuesAsString("source"))
                .containsExactlyInAnyOrder("paperless-ngx@default:/data", "grafana@observability:/data");

        CliRun oneNamespace = run("verify", "--all", "-n", "observability", "--repository", "filesystem://" + nfs,
                "--max-age", "3650d");
        assertThat(oneNamespace.exitCode()).as(oneNamespace.err()).isZero();
        assertThat(oneNamespace.out()).contains("grafana@observability:/data").doesNotContain("paperless");
    }
}
