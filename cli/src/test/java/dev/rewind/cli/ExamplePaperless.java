package dev.rewind.cli;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kube.SimulatedCluster;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test support for commands that talk to the cluster: the reference cluster's paperless-ngx on the simulated cluster
 * (at 2026-11-30T17:00Z), its repository Secret pointing at the example Kopia repository written below {@code dir},
 * and a kubeconfig for {@code --kubeconfig}.
 *
 * @param cluster    the simulated cluster (close it after the test)
 * @param catalog    the example repository's snapshots
 * @param kubeconfig the kubeconfig file
 */
record ExamplePaperless(SimulatedCluster cluster, SnapshotCatalog catalog, String kubeconfig) {

    static ExamplePaperless start(Path dir) throws IOException {
        InMemoryBlobStore store = new InMemoryBlobStore(java.time.Clock.systemUTC());
        ExampleRepository.write(store);
        SnapshotCatalog catalog = KopiaRepository.open(store, ExampleRepository.PASSWORD.toCharArray(),
                CachingFormatKeyDeriver.shared()).catalog();
        SimulatedCluster cluster = new SimulatedCluster(new ManualClock(Instant.parse("2026-11-30T17:00:00Z")),
                catalog, 1);
        Path repository = dir.resolve("repository");
        ExampleRepository.writeTo(repository);
        cluster.repository("filesystem://" + repository.toAbsolutePath(), ExampleRepository.PASSWORD);
        Path file = dir.resolve("kubeconfig");
        cluster.writeKubeconfig(file);
        cluster.clearRequests();
        return new ExamplePaperless(cluster, catalog, file.toString());
    }
}
