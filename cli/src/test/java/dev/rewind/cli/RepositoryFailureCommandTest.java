package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.kopia.FilesystemExport;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository states and storage failures a user can meet, each a one-line error with the documented exit code. */
class RepositoryFailureCommandTest {

    @Test
    void anUpgradeLockedRepositoryIsRefusedAsUnsupportedWithExit8(@TempDir Path dir) throws Exception {
        InMemoryBlobStore store = new InMemoryBlobStore();
        FormatBlobWriter.withDefaults(new SplittableRandom(3)).password("pw")
                .upgradeLock("kopia@host", "upgrading to format 3").writeTo(store);
        FilesystemExport.write(store, dir.resolve("repo"));

        CliRun run = CliRun.withEnvironment(Map.of("KOPIA_PASSWORD", "pw"), "snapshots", "--repository",
                "filesystem://" + dir.resolve("repo"));
        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).startsWith("error: ").contains("upgrade");
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableS3EndpointIsUnavailableWithExit6NamingTheEndpoint() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.withEnvironment(Map.of(
                "KOPIA_PASSWORD", "pw",
                "AWS_ACCESS_KEY_ID", "key",
                "AWS_SECRET_ACCESS_KEY", "secret-value-never-printed"),
                "snapshots", "--repository", "s3://volsync/app", "--endpoint", "127.0.0.1:" + closedPort,
                "--disable-tls");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("error: ").contains("127.0.0.1:" + closedPort);
        assertThat(run.err()).doesNotContain("secret-value-never-printed", "\tat ");
    }

    @Test
    void anUnknownFlagIsInvalidUsageWithExit2() {
        CliRun run = CliRun.of("snapshots", "--no-such-flag");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ");
    }
}
