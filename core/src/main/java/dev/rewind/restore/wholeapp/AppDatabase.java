package dev.rewind.restore.wholeapp;

import java.util.List;
import java.util.Objects;

/**
 * The CNPG Cluster an app uses and every place in its configuration that names it.
 *
 * @param namespace  the Cluster's namespace
 * @param cluster    the Cluster's name
 * @param references where the app's workloads read its host (empty only when chosen with an override that no
 *                   configuration names)
 */
public record AppDatabase(String namespace, String cluster, List<HostReference> references) {
    public AppDatabase {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cluster, "cluster");
        references = List.copyOf(references);
    }

    @Override
    public String toString() {
        return "CNPG Cluster " + namespace + "/" + cluster;
    }
}
