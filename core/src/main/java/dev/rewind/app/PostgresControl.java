package dev.rewind.app;

import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.cnpg.Manifest;
import java.util.Optional;

/**
 * Port to the CloudNativePG objects rewind reads one by one and creates: Clusters (recovery) and Backups.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code find…} issue one GET and return empty when the object does not exist.</li>
 *   <li>{@link #create} issues one POST of a {@code postgresql.cnpg.io/v1} Cluster or Backup; it never updates or
 *       deletes. An existing object of that name → {@code CONFLICT} naming it.</li>
 *   <li>Other failures are {@link dev.rewind.error.RewindException}s as for {@link ClusterReader}: UNAVAILABLE for an
 *       unreachable/forbidding API server (with an RBAC hint), NOT_FOUND when the CRD is not installed.</li>
 *   <li>Implementations are safe for use from several threads.</li>
 * </ul>
 */
public interface PostgresControl {

    Optional<Cluster> findCluster(String namespace, String name);

    /** What a recovery copies from the Cluster's spec, or empty when the Cluster does not exist. */
    Optional<ClusterTemplate> findClusterTemplate(String namespace, String name);

    Optional<Backup> findBackup(String namespace, String name);

    /** Creates the object the manifest describes (a Cluster or a Backup). */
    void create(Manifest manifest);
}
