package dev.rewind.drill;

import dev.rewind.app.AppDiscovery;
import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotEligibility;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.restore.RepositorySnapshotCatalogs;
import dev.rewind.restore.SnapshotPinner;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test support: the example Kopia repository (paperless-ngx snapshots of 2026-11-28, -29 and -30 at 02:00 UTC), a
 * {@link SimulatedCluster} whose RDs restore from it and whose checker pods count what was restored, and the drill
 * wired through the Fabric8 adapters. Time moves only when the drill waits: each poll advances the clock and steps
 * the simulated controllers.
 */
final class DrillFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-30T17:00:00Z");
    static final String NS = SimulatedCluster.NAMESPACE;
    static final String APP = SimulatedCluster.APP;
    static final String SANDBOX = DrillRequest.DEFAULT_SANDBOX;
    private static InMemoryBlobStore store;

    final ManualClock clock = new ManualClock(NOW);
    final SnapshotCatalog catalog;
    final SimulatedCluster cluster;
    final List<String> events = new ArrayList<>();
    Sleeper sleeper;

    DrillFixture() {
        catalog = KopiaRepository.open(store(), ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog();
        cluster = new SimulatedCluster(clock, catalog, 1);
        cluster.repository("filesystem:///repository", ExampleRepository.PASSWORD);
        sleeper = duration -> {
            clock.advance(duration);
            cluster.step();
        };
    }

    private static synchronized InMemoryBlobStore store() {
        if (store == null) {
            InMemoryBlobStore s = new InMemoryBlobStore(Clock.fixed(ExampleRepository.FIRST_AT, ZoneOffset.UTC));
            ExampleRepository.write(s);
            store = s;
        }
        return store;
    }

    /** The n-th complete paperless-ngx snapshot before the newest (0 = newest, 2 = oldest). */
    SnapshotManifest previous(int n) {
        return catalog.getPrevious(SourceInfo.parse(ExampleRepository.PAPERLESS), n,
                SnapshotEligibility.COMPLETE_ONLY);
    }

    DrillService service() {
        return new DrillService(new AppDiscovery(cluster.reader()), cluster.writer(), cluster.sandbox(),
                cluster.podLogs(), new SnapshotPinner(new RepositorySnapshotCatalogs(location -> store(),
                CachingFormatKeyDeriver.shared()), clock), clock, d -> sleeper.sleep(d), new SplittableRandom(5),
                DrillSettings.defaults(), (phase, message) -> events.add(phase + ": " + message));
    }

    DrillResult drill(DrillSelection selection) {
        return service().drill(DrillRequest.of(APP, NS, selection));
    }

    /** Every object left in the sandbox namespace ("Kind/name"), not the namespace itself. */
    List<String> sandboxLeftovers() {
        return cluster.objectsIn(SANDBOX);
    }

    /** Whether the sandbox namespace exists. */
    boolean sandboxNamespaceExists() {
        return cluster.client().namespaces().withName(SANDBOX).get() != null;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
