package dev.rewind.cnpg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An on-demand plugin {@code Backup} of a Cluster (cnpg-barman.md §1.4, §2.3): {@code spec.method: plugin} set
 * explicitly (CNPG's default would be the deprecated in-tree method) and {@code pluginConfiguration.name}
 * {@value PluginConfiguration#BARMAN_CLOUD}. The spec is immutable once created, so every request needs a new name.
 *
 * @param namespace   the Cluster's namespace
 * @param name        the Backup's name (unique)
 * @param clusterName {@code spec.cluster.name}
 */
public record BackupRequest(String namespace, String name, String clusterName) {
    public BackupRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterName, "clusterName");
    }

    public Manifest manifest() {
        Map<String, Object> doc = Manifest.skeleton(RecoveryClusterSpec.API_VERSION, "Backup", namespace, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "rewind"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", Map.of("name", clusterName));
        spec.put("method", BackupMethod.PLUGIN.manifestValue());
        spec.put("pluginConfiguration", Map.of("name", PluginConfiguration.BARMAN_CLOUD));
        doc.put("spec", spec);
        return new Manifest(doc);
    }
}
