package dev.rewind.pg;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.PostgresControl;
import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import java.util.Objects;

/**
 * The {@code rewind pg restore} workflow: locate the cluster's archive ({@link ArchiveLocator}), verify it
 * ({@link BarmanVerifier}), plan the recovery into a new Cluster ({@link RecoveryPlanner}) and, on request, apply it
 * ({@link RecoveryExecutor}). Planning reads only; applying creates a Cluster and a Backup. Thread-safe.
 */
public final class PgRestore {
    private final ClusterReader reader;
    private final PostgresControl control;
    private final BlobStoreFactory factory;
    private final BarmanPolicy policy;
    private final Poller poller;

    public PgRestore(ClusterReader reader, PostgresControl control, BlobStoreFactory factory, BarmanPolicy policy,
                     Poller poller) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.control = Objects.requireNonNull(control, "control");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /** Verifies the archive of {@code namespace/clusterName} and plans the recovery; nothing is created. */
    public RecoveryPlan plan(String namespace, String clusterName, RecoveryRequest request) {
        return planVerified(namespace, clusterName, request).plan();
    }

    /** As {@link #plan}, together with the verification report of the archive the plan was made from. */
    public VerifiedRecovery planVerified(String namespace, String clusterName, RecoveryRequest request) {
        ArchiveLocation location = new ArchiveLocator(reader).locate(namespace, clusterName);
        Cluster source = control.findCluster(namespace, clusterName).orElseThrow(() -> notFound(namespace, clusterName));
        ClusterTemplate template = control.findClusterTemplate(namespace, clusterName)
                .orElseThrow(() -> notFound(namespace, clusterName));
        try (BlobStore store = factory.open(location.storage())) {
            BarmanArchive archive = location.archive(store);
            BarmanReport report = new BarmanVerifier(policy, poller.clock())
                    .verify(archive.getServer(location.serverName()));
            return new VerifiedRecovery(new RecoveryPlanner(poller.clock()).plan(source, template, location, archive,
                    report, request), report);
        }
    }

    /** Creates the planned Cluster, waits until healthy and takes its first backup. */
    public RecoveryExecutor.RecoveryOutcome apply(RecoveryPlan plan, WaitPolicy untilHealthy,
                                                  WaitPolicy untilBackedUp) {
        return new RecoveryExecutor(control, new PgBackup(control, poller), poller)
                .apply(plan, untilHealthy, untilBackedUp);
    }

    private static RewindException notFound(String namespace, String clusterName) {
        return new RewindException(Reason.NOT_FOUND, "no CNPG Cluster " + namespace + "/" + clusterName);
    }
}
