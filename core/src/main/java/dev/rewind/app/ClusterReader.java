package dev.rewind.app;

import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.Workload;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.ScheduledBackup;
import dev.rewind.volsync.KopiaMaintenance;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import java.util.List;
import java.util.Optional;

/**
 * Read-only port to the Kubernetes API server.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every {@code list…} method issues exactly one LIST request per Kubernetes kind for the given scope
 *       ({@link #listWorkloads} lists Deployments and StatefulSets: two kinds, two requests). Callers that need
 *       several apps list once and join in memory.</li>
 *   <li>{@link #findSecret} issues one GET; the values are returned decoded and are never logged.</li>
 *   <li>Failures are {@link dev.rewind.error.RewindException}s: {@code UNAVAILABLE} when the API server cannot be
 *       reached or refuses the request (401/403, with an RBAC hint), {@code NOT_FOUND} when the custom resource
 *       kind is not installed (the message names the CRD).</li>
 *   <li>Implementations are safe for use from several threads.</li>
 * </ul>
 */
public interface ClusterReader {

    List<ReplicationSource> listReplicationSources(NamespaceScope scope);

    List<ReplicationDestination> listReplicationDestinations(NamespaceScope scope);

    List<KopiaMaintenance> listKopiaMaintenances(NamespaceScope scope);

    List<PersistentVolumeClaim> listPersistentVolumeClaims(NamespaceScope scope);

    /** Deployments and StatefulSets. */
    List<Workload> listWorkloads(NamespaceScope scope);

    List<FluxKustomization> listKustomizations(NamespaceScope scope);

    List<FluxHelmRelease> listHelmReleases(NamespaceScope scope);

    List<Cluster> listPostgresClusters(NamespaceScope scope);

    List<Backup> listPostgresBackups(NamespaceScope scope);

    List<ScheduledBackup> listScheduledBackups(NamespaceScope scope);

    List<ObjectStore> listObjectStores(NamespaceScope scope);

    /** A Secret's decoded data, or empty when the Secret does not exist. */
    Optional<SecretData> findSecret(String namespace, String name);
}
