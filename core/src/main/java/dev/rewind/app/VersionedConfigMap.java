package dev.rewind.app;

import java.util.Map;
import java.util.Objects;

/**
 * A ConfigMap's data as read together with its {@code metadata.resourceVersion}, for a conditional replace
 * ({@link ClusterActions#writeConfigMap}).
 *
 * @param data            its data
 * @param resourceVersion the version the data was read at
 */
public record VersionedConfigMap(Map<String, String> data, String resourceVersion) {
    public VersionedConfigMap {
        data = Map.copyOf(data);
        Objects.requireNonNull(resourceVersion, "resourceVersion");
    }
}
