package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Produces a REAL Barman Cloud archive with Debian's PostgreSQL and barman-cli-cloud into an s3proxy started inside
 * this JVM, then verifies it with {@link BarmanVerifier}. Needs {@code .ci/pg-tools.sh} to have installed the
 * packages; without them every test is skipped with a message.
 *
 * <p>The archive: a throwaway cluster ({@code initdb --wal-segsize=1}, so 1 MiB segments), WAL archived with
 * {@code barman-cloud-wal-archive --gzip}, two base backups with {@code barman-cloud-backup}, several
 * {@code pg_switch_wal()}, then a timeline switch: the cleanly stopped cluster restarts as a standby
 * ({@code standby.signal}) whose restore_command is {@code barman-cloud-wal-restore}, and {@code pg_ctl promote}
 * moves it to timeline 2 — PostgreSQL archives {@code 00000002.history} and the old timeline's last segment as
 * {@code .partial}, like a CNPG failover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "toolsInstalled", disabledReason = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin or "
        + "PG_BIN), the barman-cloud tools on PATH or the 'postgres' user (when running as root) are missing: run "
        + ".ci/pg-tools.sh (Debian packages postgresql and barman-cli-cloud)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BarmanCloudArchiveIT {
    private static final String BUCKET = "rewind-it";
    private static final String SERVER = "pg";
    private static final String ACCESS_KEY = "rewind-it-access";
    private static final String SECRET_KEY = "rewind-it-secret-not-real";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    private Path pgBin;
    private boolean asRoot;
    private S3Proxy s3proxy;
    private S3Client s3;
    private String endpoint;
    private Path data;
    private Path socketDir;
    private int pgPort;
    private boolean pgRunning;

    @BeforeAll
    void produceArchive() throws Exception {
        pgBin = findPgBin().orElseThrow();
        asRoot = isRoot();
        startS3Proxy();
        Path work = tmp.resolve("pg");
        Files.createDirectories(work);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = work.resolve("data");
        socketDir = work.resolve("sock");
        Files.createDirectories(socketDir);
        if (asRoot) {
            UserPrincipalLookupService users = work.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(work, users.lookupPrincipalByName("postgres"));
            Files.setOwner(socketDir, users.lookupPrincipalByName("postgres"));
        }
        pgPort = freePort();

        run(pgBin.resolve("initdb").toString(), "-D", data.toString(), "--wal-segsize=1", "-U", "postgres",
                "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C");
        String archive = "barman-cloud-wal-archive --gzip --endpoint-url " + endpoint + " s3://" + BUCKET + " "
                + SERVER + " %p";
        String restore = "barman-cloud-wal-restore --endpoint-url " + endpoint + " s3://" + BUCKET + " " + SERVER
                + " %f %p";
        appendConfig(String.join("\n",
                "port = " + pgPort,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + socketDir + "'",
                "wal_level = replica",
                "archive_mode = on",
                "archive_command = '" + archive + "'",
                "restore_command = '" + restore + "'",
                "fsync = off",
                "max_wal_size = 32MB",
                "min_wal_size = 4MB",
                ""));
        startPostgres();
        sql("create table t (id int primary key, v text)");
        sql("insert into t select g, md5(g::text) from generate_series(1, 1000) g");
        switchWal(2);
        backup();
        sql("insert into t select g, md5(g::text) from generate_series(1001, 2000) g");
        switchWal(3);
        backup();
        sql("insert into t select g, md5(g::text) from generate_series(2001, 3000) g");
        switchWal(2);
        stopPostgres(); // the archiver ships every completed segment before the postmaster exits

        Files.writeString(data.resolve("standby.signal"), "");
        startPostgres(); // a standby replaying from the archive through barman-cloud-wal-restore
        run(pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "promote"); // timeline 2
        sql("insert into t select g, md5(g::text) from generate_series(3001, 4000) g");
        switchWal(3);
        stopPostgres();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (pgRunning) {
            stopPostgres();
        }
        if (s3 != null) {
            s3.close();
        }
        if (s3proxy != null) {
            s3proxy.stop();
        }
    }

    @Test
    @Order(1)
    void realArchiveIsHealthyAcrossTheTimelineSwitch() throws IOException {
        BarmanArchive archive = BarmanArchive.open(store(), "");
        assertThat(archive.servers()).containsExactly(SERVER);
        BarmanServer server = archive.getServer(SERVER);
        BarmanReport report = verifier(Duration.ofMinutes(1)).verify(server);
        dumpForDiagnosis(server, report);

        assertThat(report.segmentSize()).isEqualTo(WalSegmentSize.ofMebibytes(1));
        assertThat(report.findings()).as("findings").noneMatch(f -> f.severity() != Severity.INFO);
        assertThat(report.hasErrors()).isFalse();
        List<BackupVerdict> backups = report.backups();
        assertThat(backups).hasSize(2);
        assertThat(backups).allSatisfy(v -> {
            BackupInfo info = v.backup().info().orElseThrow();
            assertThat(info.status()).isEqualTo(BackupStatus.DONE);
            assertThat(info.timeline()).isEqualTo(1);
            assertThat(info.systemId()).isPresent();
            assertThat(info.field("server_name")).contains("cloud");
            assertThat(info.beginWal().orElseThrow()).isLessThanOrEqualTo(info.endWal().orElseThrow());
            assertThat(info.beginAt().orElseThrow()).isBefore(info.endAt().orElseThrow());
            assertThat(info.beginLsn().orElseThrow().segment(1, report.segmentSize()))
                    .isEqualTo(info.beginWal().orElseThrow());
            assertThat(v.restorable()).isTrue();
            assertThat(v.chain().orElseThrow().targetTimeline()).isEqualTo(2);
            assertThat(v.chain().orElseThrow().hops()).extracting(TimelineHop::toTimeline).containsExactly(2L);
        });
        BaseBackup first = backups.get(0).backup();
        BaseBackup second = backups.get(1).backup();

        WalInventory inventory = server.scanWal(report.segmentSize());
        assertThat(inventory.segmentTimelines()).containsExactly(1L, 2L);
        assertThat(inventory.histories()).containsOnlyKeys(2L);
        assertThat(inventory.partials()).singleElement().satisfies(p -> assertThat(p.timeline()).isEqualTo(1));
        assertThat(inventory.backupLabelCount()).isEqualTo(2);
        TimelineHistory history = server.readHistory(inventory.histories().get(2L));
        assertThat(history.parent().orElseThrow().parentTimeline()).isEqualTo(1);

        RecoveryWindow window = report.window().orElseThrow();
        assertThat(window.earliestBackup()).isEqualTo(first.id());
        assertThat(window.earliestAt()).isEqualTo(first.endAt().orElseThrow());
        assertThat(window.lastSegment().timeline()).isEqualTo(2);
        assertThat(window.lastSegment()).isEqualTo(report.lastArchivedWal().orElseThrow());
        assertThat(window.latestAt()).isEqualTo(report.lastArchivedAt().orElseThrow());

        Recoverability between = report.recoverabilityAt(first.endAt().orElseThrow().plusMillis(1));
        assertThat(between).isInstanceOfSatisfying(Recoverability.Recoverable.class,
                r -> assertThat(r.backupId()).isEqualTo(first.id()));
        Recoverability afterSecond = report.recoverabilityAt(second.endAt().orElseThrow().plusMillis(1));
        assertThat(afterSecond).isInstanceOfSatisfying(Recoverability.Recoverable.class,
                r -> assertThat(r.backupId()).isEqualTo(second.id()));
        assertThat(report.recoverabilityAt(first.info().orElseThrow().beginAt().orElseThrow().minusSeconds(1)))
                .isInstanceOf(Recoverability.NotRecoverable.class);
        assertThat(report.recoverabilityAt(window.latestAt().plusSeconds(3600)))
                .isInstanceOf(Recoverability.NotRecoverable.class);
    }

    @Test
    @Order(2)
    void deletedSegmentIsNamedExactly() {
        BarmanServer server = BarmanArchive.open(store(), "").getServer(SERVER);
        BaseBackup first = server.backups().get(0);
        WalName victim = first.info().orElseThrow().endWal().orElseThrow().next(WalSegmentSize.ofMebibytes(1));
        String key = SERVER + "/wals/" + victim.hashDir() + "/" + victim + ".gz";
        byte[] saved = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
        try {
            BarmanReport report = verifier(Duration.ofMinutes(1)).verify(server);
            assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.WalMissing)
                    .singleElement().satisfies(f -> {
                        assertThat(f.subject()).isEqualTo(victim.toString());
                        assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    });
            assertThat(report.hasErrors()).isTrue();
            assertThat(report.window().orElseThrow().earliestBackup()).isEqualTo(server.backups().get(1).id());
        } finally {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(saved));
        }
    }

    @Test
    @Order(3)
    void failedBackupInfoIsFlagged() {
        BarmanServer server = BarmanArchive.open(store(), "").getServer(SERVER);
        BaseBackup second = server.backups().get(1);
        String key = SERVER + "/base/" + second.id() + "/backup.info";
        byte[] saved = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        String failed = new String(saved, StandardCharsets.UTF_8).replace("status=DONE", "status=FAILED")
                .replace("error=None", "error=failure uploading data (injected by the test)");
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(failed));
        try {
            BarmanReport report = verifier(Duration.ofMinutes(1)).verify(server);
            assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.BackupNotDone)
                    .singleElement().satisfies(f -> {
                        assertThat(f.subject()).isEqualTo(second.id().value());
                        assertThat(f.reason()).contains("FAILED").contains("injected by the test");
                    });
            assertThat(report.backups()).filteredOn(BackupVerdict::restorable).extracting(v -> v.backup().id())
                    .containsExactly(server.backups().get(0).id());
        } finally {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(saved));
        }
    }

    @Test
    @Order(4)
    void crashedUploadWithoutBackupInfoIsFlagged() {
        String key = SERVER + "/base/20990101T000000/data.tar.gz";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[] {31, -117, 8}));
        try {
            BarmanServer server = BarmanArchive.open(store(), "").getServer(SERVER);
            BarmanReport report = verifier(Duration.ofHours(7)).verify(server);
            assertThat(report.findings()).filteredOn(f -> f instanceof BarmanFinding.BackupInfoMissing)
                    .singleElement().satisfies(f -> {
                        assertThat(f.subject()).isEqualTo("20990101T000000");
                        assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    });
            assertThat(report.backups()).hasSize(3);
        } finally {
            s3.deleteObject(b -> b.bucket(BUCKET).key(key));
        }
    }

    /** A verifier whose clock stands {@code after} past the newest object of the bucket. */
    private BarmanVerifier verifier(Duration after) {
        Instant newest;
        try (Stream<dev.rewind.storage.BlobMetadata> all = store().list("")) {
            newest = all.map(dev.rewind.storage.BlobMetadata::modifiedAt).max(Comparator.naturalOrder()).orElseThrow();
        }
        return new BarmanVerifier(BarmanPolicy.defaults(), Clock.fixed(newest.plus(after), ZoneOffset.UTC));
    }

    private S3ClientTestBlobStore store() {
        return new S3ClientTestBlobStore(s3, BUCKET);
    }

    /**
     * Writes the archive to {@code target/barman-it/archive/} for diagnosis and for refreshing the offline fixture
     * {@code src/test/resources/barman/real-archive/}: metadata files (backup.info, history, backup labels) with their
     * real bytes, segments and tars as a placeholder, and {@code listing.txt} with every key, real size and
     * modification time.
     */
    private void dumpForDiagnosis(BarmanServer server, BarmanReport report) throws IOException {
        Path out = Path.of("target", "barman-it");
        Path tree = out.resolve("archive");
        Files.createDirectories(tree);
        var lines = new ArrayList<String>();
        try (Stream<dev.rewind.storage.BlobMetadata> all = store().list("")) {
            for (var blob : all.toList()) {
                lines.add(blob.id() + " " + blob.lengthBytes() + " " + blob.modifiedAt());
                String key = blob.id().value();
                boolean metadata = key.endsWith("backup.info") || key.contains(".history") || key.contains(".backup");
                Path file = tree.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, metadata ? store().read(blob.id())
                        : "placeholder\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(tree.resolve("listing.txt"), lines);
        var summary = new ArrayList<String>();
        report.findings().forEach(f -> summary.add(f.severity() + " " + f.subject() + ": " + f.reason()));
        summary.add("window: " + report.window());
        Files.write(out.resolve("report.txt"), summary);
    }

    // --- PostgreSQL and barman-cloud ---

    private void startS3Proxy() throws Exception {
        s3proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + freePort()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3proxy.start();
        endpoint = "http://127.0.0.1:" + s3proxy.getPort();
        s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    private void backup() throws Exception {
        run("barman-cloud-backup", "--endpoint-url", endpoint, "--gzip", "--immediate-checkpoint", "-J", "1",
                "-h", socketDir.toString(), "-p", String.valueOf(pgPort), "-U", "postgres",
                "s3://" + BUCKET, SERVER);
    }

    private void startPostgres() throws Exception {
        run(pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", data.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
        pgRunning = true;
    }

    private void stopPostgres() throws Exception {
        run(pgBin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
        pgRunning = false;
    }

    private void switchWal(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            sql("insert into t values (" + (100_000 + i) + ", 'switch') on conflict (id) do update set v = 'again'");
            sql("select pg_switch_wal()");
        }
    }

    private void sql(String statement) throws Exception {
        run(pgBin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(),
                "-p", String.valueOf(pgPort), "-U", "postgres", "-d", "postgres", "-c", statement);
    }

    private void appendConfig(String text) throws IOException {
        Path conf = data.resolve("postgresql.conf");
        Files.writeString(conf, Files.readString(conf) + "\n" + text);
    }

    /** Runs a command (as the postgres user when the JVM runs as root) with the S3 credentials in its environment. */
    private void run(String... command) throws Exception {
        var full = new ArrayList<String>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add("env");
        full.add("AWS_ACCESS_KEY_ID=" + ACCESS_KEY);
        full.add("AWS_SECRET_ACCESS_KEY=" + SECRET_KEY);
        full.add("AWS_DEFAULT_REGION=us-east-1");
        full.add("AWS_REQUEST_CHECKSUM_CALCULATION=when_required");
        full.add("AWS_RESPONSE_CHECKSUM_VALIDATION=when_required");
        full.add("HOME=" + tmp.resolve("pg"));
        full.add("PATH=" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        full.addAll(List.of(command));
        Path log = tmp.resolve("command.log");
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().clear();
        Process process = pb.start();
        if (!process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + STEP_TIMEOUT + ": " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            String serverLog = Files.exists(data.resolve("server.log"))
                    ? Files.readString(data.resolve("server.log")) : "";
            throw new AssertionError("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n"
                    + Files.readString(log) + "\n--- server.log ---\n" + serverLog);
        }
    }

    private static Optional<Path> findPgBin() throws IOException {
        String env = System.getenv("PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Optional.of(Path.of(env));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        }
    }

    /** Whether everything the test runs is installed; otherwise the class is skipped with the reason above. */
    static boolean toolsInstalled() throws IOException {
        return findPgBin().isPresent() && onPath("barman-cloud-backup") && onPath("barman-cloud-wal-archive")
                && onPath("barman-cloud-wal-restore") && (!isRoot() || userExists("postgres"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String name) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
