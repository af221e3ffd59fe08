package dev.rewind.kube;

import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.backup.RepositoryOpener;
import dev.rewind.backup.Waiter;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Test support for workflows over the cluster: a {@link MockCluster} with the reference cluster's paperless-ngx, a
 * {@link SimulatedVolsync} whose successful RS movers write a real snapshot into a Kopia fixture repository, a
 * {@link ManualClock}, and a {@link Waiter} that moves the clock and steps the controller instead of sleeping.
 */
final class VolsyncWorld implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-30T16:00:00Z");

    final MockCluster cluster = new MockCluster();
    final ReferenceCluster reference = new ReferenceCluster(cluster);
    final ManualClock clock = new ManualClock(T0);
    final SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), clock);
    final KopiaFixtureWriter repository = KopiaFixtureWriter.create(new InMemoryBlobStore(clock),
            FormatBlobWriter.withDefaults(new SplittableRandom(42)), new SplittableRandom(7), clock);
    final Fabric8ClusterWriter writer = new Fabric8ClusterWriter(cluster.client());
    final Fabric8ClusterReader reader = cluster.reader();
    /** Every pause of the workflow: one reconcile pass of the simulated Volsync after the pause. */
    final Waiter waiter = this::pause;
    /** Opens the fixture repository (through the real reader) whatever the app's Secret says. */
    final RepositoryOpener opener = app -> KopiaRepository.open(repository.store(),
            repository.password().toCharArray(), CachingFormatKeyDeriver.shared());
    private int pauses;

    VolsyncWorld() {
        volsync.onBackup((namespace, name) -> snapshot(name + "@" + namespace + ":/data", clock.instant()));
    }

    /** Writes a complete snapshot of {@code source} started at {@code startAt}; returns its id. */
    String snapshot(String source, Instant startAt) {
        return repository.snapshot(source, startAt)
                .file("documents/invoice.pdf", ("invoice " + startAt).getBytes(StandardCharsets.UTF_8))
                .endAt(startAt.plusSeconds(30))
                .commit();
    }

    App app(String name, String namespace) {
        return new AppDiscovery(reader).get(name, Optional.of(namespace));
    }

    private synchronized void pause(Duration duration) {
        pauses++;
        clock.advance(duration);
        volsync.step();
    }

    synchronized int pauses() {
        return pauses;
    }

    @Override
    public void close() {
        reader.close();
        cluster.close();
    }
}
