package dev.rewind.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.ClusterActions;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.RepositoryLocation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Test support: a real Kopia fixture repository (the reference cluster's test password) with snapshots of
 * paperless-ngx, a {@link SimulatedCluster} whose RDs restore from it, and the restore workflow wired through the
 * Fabric8 adapters. Time moves only when the executor waits: each poll advances the {@link ManualClock} and steps the
 * simulated controllers.
 */
final class RestoreFixture implements AutoCloseable {
    static final String PASSWORD = "test-only-kopia-password";
    static final String SOURCE = "paperless-ngx@default:/data";
    static final String CUSTOM_SOURCE = "paperless@nas-01:/data";
    static final Instant S1_AT = Instant.parse("2026-11-28T02:00:00Z");
    static final Instant S2_AT = Instant.parse("2026-11-29T02:00:00.25Z");
    static final Instant S3_AT = Instant.parse("2026-11-30T02:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-30T17:00:00Z");
    static final String NS = SimulatedCluster.NAMESPACE;
    static final String APP = SimulatedCluster.APP;

    private static InMemoryBlobStore store;
    private static List<String> ids;
    private static List<String> customIds;

    final ManualClock clock = new ManualClock(NOW);
    final SimulatedCluster cluster;
    final SnapshotCatalog catalog;
    final List<RestoreProgress> events = new ArrayList<>();
    final List<RepositoryLocation> openedLocations = new ArrayList<>();

    RestoreFixture(int replicas) {
        ensureRepository();
        KopiaRepository repository = KopiaRepository.open(store, PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared());
        catalog = repository.catalog();
        cluster = new SimulatedCluster(clock, catalog, replicas);
        cluster.fileCounter((id, path) -> filesUnder(repository, id, path));
    }

    RestoreFixture() {
        this(2);
    }

    /** Snapshot ids of paperless-ngx@default:/data, oldest first (S1, S2, S3). */
    static List<String> ids() {
        ensureRepository();
        return ids;
    }

    /** Snapshot ids of the custom identity paperless@nas-01:/data, oldest first. */
    static List<String> customIds() {
        ensureRepository();
        return customIds;
    }

    private static synchronized void ensureRepository() {
        if (store != null) {
            return;
        }
        InMemoryBlobStore s = new InMemoryBlobStore(Clock.fixed(S1_AT, ZoneOffset.UTC));
        FormatBlobWriter format = FormatBlobWriter.withDefaults(new SplittableRandom(7)).password(PASSWORD);
        KopiaFixtureWriter w = KopiaFixtureWriter.create(s, format, new SplittableRandom(8),
                Clock.fixed(S1_AT, ZoneOffset.UTC));
        List<String> main = new ArrayList<>();
        for (Instant at : List.of(S1_AT, S2_AT, S3_AT)) {
            main.add(w.snapshot(SOURCE, at).file("media/doc-" + at.getEpochSecond() + ".pdf", text("%PDF " + at))
                    .file("data/db.sqlite", text("rows as of " + at)).endAt(at.plusSeconds(30)).commit());
        }
        List<String> custom = new ArrayList<>();
        custom.add(w.snapshot(CUSTOM_SOURCE, S1_AT.plusSeconds(60)).file("a.txt", text("custom 1")).commit());
        custom.add(w.snapshot(CUSTOM_SOURCE, S3_AT.plusSeconds(60)).file("a.txt", text("custom 2")).commit());
        ids = List.copyOf(main);
        customIds = List.copyOf(custom);
        store = s;
    }

    /** Regular files under {@code path} of snapshot {@code id}, by walking its tree (independent of summaries). */
    static java.util.OptionalLong filesUnder(KopiaRepository repository, String id, String path) {
        var snapshot = repository.catalog().getSnapshot(id);
        return repository.tree().findEntry(snapshot, path)
                .filter(e -> e instanceof dev.rewind.kopia.snapshot.DirectoryEntry.Directory)
                .map(e -> java.util.OptionalLong.of(repository.tree()
                        .walk(new dev.rewind.kopia.snapshot.TreeNode(path, e))
                        .filter(n -> n.entry() instanceof dev.rewind.kopia.snapshot.DirectoryEntry.File).count()))
                .orElse(java.util.OptionalLong.empty());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    RestorePlanner planner() {
        return planner(cluster.writer());
    }

    RestorePlanner planner(ClusterActions writer) {
        return new RestorePlanner(new AppDiscovery(cluster.reader()), writer, cluster.environment(),
                new RepositorySnapshotCatalogs(location -> {
                    openedLocations.add(location);
                    return store;
                }, CachingFormatKeyDeriver.shared()), clock, new SplittableRandom(3));
    }

    RestoreExecutor executor(ClusterActions writer) {
        return new RestoreExecutor(writer, cluster.environment(), cluster.moverLogs(), clock, duration -> {
            clock.advance(duration);
            cluster.step();
        }, new SplittableRandom(clock.instant().toEpochMilli()), RestoreSettings.defaults(), events::add);
    }

    RestoreService service() {
        return service(UnaryOperator.identity());
    }

    RestoreService service(UnaryOperator<ClusterActions> decorate) {
        ClusterActions writer = decorate.apply(cluster.writer());
        return new RestoreService(planner(writer), executor(writer), events::add);
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    /**
     * Starts {@code request} with every cluster mutation going through {@code writer}; empty when the simulated crash
     * stopped the start itself (then only the crash may have stopped it).
     */
    Optional<RestoreResult> restoreCrashing(CrashingClusterActions writer, RestoreRequest request) {
        try {
            return Optional.of(service(w -> writer).restore(request));
        } catch (dev.rewind.error.RewindException e) {
            assertThat(writer.crashed()).as("only the crash may stop the start: " + e.getMessage()).isTrue();
            return Optional.empty();
        }
    }

    /** After a simulated crash: rewind is back, and the dead run's Lease (two minutes) has expired. */
    void recover(CrashingClusterActions writer) {
        writer.revive();
        advance(Duration.ofMinutes(3));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
