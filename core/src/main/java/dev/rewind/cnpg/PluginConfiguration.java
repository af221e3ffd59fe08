package dev.rewind.cnpg;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Cluster.spec.plugins[]} entry (cnpg-barman.md §1.2).
 *
 * @param name          plugin name, e.g. {@value #BARMAN_CLOUD}
 * @param enabled       {@code enabled} (default true)
 * @param walArchiver   {@code isWALArchiver} (default false)
 * @param parameters    plugin parameters; for Barman Cloud {@code barmanObjectName} and {@code serverName}
 */
public record PluginConfiguration(String name, boolean enabled, boolean walArchiver, Map<String, String> parameters) {
    /** The Barman Cloud plugin's name. */
    public static final String BARMAN_CLOUD = "barman-cloud.cloudnative-pg.io";

    public PluginConfiguration {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
    }

    public boolean isBarmanCloud() {
        return BARMAN_CLOUD.equals(name);
    }

    /** {@code parameters.barmanObjectName}: the ObjectStore in the Cluster's namespace. */
    public Optional<String> barmanObjectName() {
        return Optional.ofNullable(parameters.get("barmanObjectName")).filter(s -> !s.isEmpty());
    }

    /** {@code parameters.serverName}, if set (the folder under destinationPath). */
    public Optional<String> serverName() {
        return Optional.ofNullable(parameters.get("serverName")).filter(s -> !s.isEmpty());
    }
}
