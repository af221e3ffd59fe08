package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.StorageMeter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two schedulers on one throwaway PostgreSQL cluster (Quartz's clustered JDBC job store): each fire runs on exactly
 * one of them, and the survivor runs the checks when the other stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "postgresInstalled", disabledReason = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin) or "
        + "the 'postgres' user (when running as root) are missing: apt-get install postgresql")
class ClusteredSchedulerIT {
    @TempDir
    static Path tmp;

    private Path pgBin;
    private Path data;
    private int port;
    private boolean running;

    @BeforeAll
    void startPostgres() throws Exception {
        pgBin = findPgBin().orElseThrow();
        Path work = tmp.resolve("pg");
        Files.createDirectories(work);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (isRoot()) {
            Files.setOwner(work, work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        data = work.resolve("data");
        port = freePort();
        run(pgBin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "--no-sync",
                "-E", "UTF8", "--locale=C");
        run(pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", work.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + work + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "-t", "60",
                "start");
        running = true;
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (running) {
            run(pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        }
    }

    private CheckScheduler replica(CheckRunner runner, String id) {
        ClusterStore store = new ClusterStore("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                Optional.empty());
        return new CheckScheduler(runner, "rewind", Optional.of(store), id);
    }

    private static CheckRunner runner() {
        Targets targets = new Targets(List.of(CheckRunnerTest.example(CheckRunnerTest.EXAMPLE_PASSWORD,
                Optional.empty())), List.of());
        return CheckRunnerTest.runner(targets, new StorageMeter(), run -> { });
    }

    @Test
    void eachFireRunsOnExactlyOneReplicaAndTheSurvivorTakesOver() throws Exception {
        TargetName app = CheckRunnerTest.APP;
        CheckRunner a = runner();
        CheckRunner b = runner();
        CheckScheduler schedulerB = replica(b, "replica-b").start();
        try (CheckScheduler schedulerA = replica(a, "replica-a").start()) {
            for (int i = 1; i <= 3; i++) {
                CompletableFuture<Run> onA = a.runs().next(r -> true);
                CompletableFuture<Run> onB = b.runs().next(r -> true);
                (i % 2 == 0 ? schedulerB : schedulerA).triggerNow(app, CheckKind.QUICK_VERIFY);
                CompletableFuture.anyOf(onA, onB).get(90, TimeUnit.SECONDS);
                onA.cancel(false);
                onB.cancel(false);
            }
            assertThat(a.runs().history().size() + b.runs().history().size())
                    .as("3 fires, each run once across both replicas").isEqualTo(3);
            assertThat(schedulerA.nextRunAt(app, CheckKind.DEEP_VERIFY)).isPresent()
                    .isEqualTo(schedulerB.nextRunAt(app, CheckKind.DEEP_VERIFY));
        }
        // replica A stopped: B runs every fire from now on, also fires B did not create — one stored in the shared
        // job store by an instance that never runs jobs (C is never started), as a fire of a stopped replica is
        int before = b.runs().history().size();
        CheckRunner c = runner();
        try (schedulerB; CheckScheduler notRunning = replica(c, "replica-c")) {
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Run> onB = b.runs().next(r -> true);
                schedulerB.triggerNow(app, CheckKind.QUICK_VERIFY);
                assertThat(onB.get(90, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.HEALTHY);
            }
            CompletableFuture<Run> onB = b.runs().next(r -> true);
            notRunning.triggerNow(app, CheckKind.QUICK_VERIFY);
            assertThat(onB.get(90, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.HEALTHY);
        }
        assertThat(c.runs().history()).as("a scheduler that was never started runs nothing").isEmpty();
        assertThat(b.runs().history()).hasSize(before + 3);
        assertThat(a.runs().history().size() + b.runs().history().size()).isEqualTo(6);
    }

    private void run(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Path log = tmp.resolve("command.log");
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                    + Files.readString(log));
        }
    }

    static boolean postgresInstalled() throws IOException {
        return findPgBin().isPresent() && (!isRoot() || userExists());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> findPgBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
