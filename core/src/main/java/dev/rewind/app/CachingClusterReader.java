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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link ClusterReader} decorator that lists each kind at most once per scope for its lifetime, so that several
 * consumers of one pass (e.g. {@link AppDiscovery} and the status workflow) share one LIST per kind. Create one per
 * pass and drop it: it never refreshes. Secrets are not cached (each {@link #findSecret} is a GET).
 *
 * <p>Thread-safe; concurrent first calls for the same kind and scope may both reach the delegate.
 */
public final class CachingClusterReader implements ClusterReader {
    private final ClusterReader delegate;
    private final Map<String, List<?>> lists = new ConcurrentHashMap<>();

    public CachingClusterReader(ClusterReader delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> once(String kind, NamespaceScope scope, Function<NamespaceScope, List<T>> list) {
        String key = kind + " " + scope;
        List<?> cached = lists.get(key);
        if (cached == null) {
            cached = list.apply(scope);
            lists.putIfAbsent(key, cached);
        }
        return (List<T>) cached;
    }

    @Override
    public List<ReplicationSource> listReplicationSources(NamespaceScope scope) {
        return once("rs", scope, delegate::listReplicationSources);
    }

    @Override
    public List<ReplicationDestination> listReplicationDestinations(NamespaceScope scope) {
        return once("rd", scope, delegate::listReplicationDestinations);
    }

    @Override
    public List<KopiaMaintenance> listKopiaMaintenances(NamespaceScope scope) {
        return once("km", scope, delegate::listKopiaMaintenances);
    }

    @Override
    public List<PersistentVolumeClaim> listPersistentVolumeClaims(NamespaceScope scope) {
        return once("pvc", scope, delegate::listPersistentVolumeClaims);
    }

    @Override
    public List<Workload> listWorkloads(NamespaceScope scope) {
        return once("workload", scope, delegate::listWorkloads);
    }

    @Override
    public List<FluxKustomization> listKustomizations(NamespaceScope scope) {
        return once("ks", scope, delegate::listKustomizations);
    }

    @Override
    public List<FluxHelmRelease> listHelmReleases(NamespaceScope scope) {
        return once("hr", scope, delegate::listHelmReleases);
    }

    @Override
    public List<Cluster> listPostgresClusters(NamespaceScope scope) {
        return once("cluster", scope, delegate::listPostgresClusters);
    }

    @Override
    public List<Backup> listPostgresBackups(NamespaceScope scope) {
        return once("backup", scope, delegate::listPostgresBackups);
    }

    @Override
    public List<ScheduledBackup> listScheduledBackups(NamespaceScope scope) {
        return once("scheduledbackup", scope, delegate::listScheduledBackups);
    }

    @Override
    public List<ObjectStore> listObjectStores(NamespaceScope scope) {
        return once("objectstore", scope, delegate::listObjectStores);
    }

    @Override
    public Optional<SecretData> findSecret(String namespace, String name) {
        return delegate.findSecret(namespace, name);
    }
}
