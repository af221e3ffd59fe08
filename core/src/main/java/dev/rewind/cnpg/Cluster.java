package dev.rewind.cnpg;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudNativePG {@code Cluster} (cnpg-barman.md §1.2, §1.3).
 *
 * @param name      object name
 * @param namespace object namespace
 * @param instances {@code spec.instances}
 * @param plugins   {@code spec.plugins}
 * @param labels    object labels
 * @param status    {@code status}
 */
public record Cluster(String name, String namespace, int instances, List<PluginConfiguration> plugins,
                      Map<String, String> labels, ClusterStatus status) {
    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        plugins = List.copyOf(plugins);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(status, "status");
    }

    /** The enabled Barman Cloud plugin entry, if configured. */
    public Optional<PluginConfiguration> barmanCloudPlugin() {
        return plugins.stream().filter(PluginConfiguration::isBarmanCloud).filter(PluginConfiguration::enabled).findFirst();
    }

    /** The archive's server folder: the plugin's {@code serverName}, defaulting to the Cluster name (§7.1). */
    public String serverName() {
        return barmanCloudPlugin().flatMap(PluginConfiguration::serverName).orElse(name);
    }

    /** The ObjectStore the archive is written to ({@code barmanObjectName}, same namespace). */
    public Optional<String> objectStoreName() {
        return barmanCloudPlugin().flatMap(PluginConfiguration::barmanObjectName);
    }
}
