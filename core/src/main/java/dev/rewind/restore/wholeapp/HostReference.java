package dev.rewind.restore.wholeapp;

import dev.rewind.app.ValueLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * One place in an app's configuration that names its database: where ({@code location}), which host, and through
 * which Pooler if it is one.
 *
 * @param location where the value lives (Secret key, ConfigMap key, literal env value)
 * @param host     the host as written
 * @param cluster  the CNPG Cluster it leads to
 * @param pooler   the Pooler the host names, when it is a Pooler's service
 */
public record HostReference(ValueLocation location, ServiceHost host, String cluster, Optional<String> pooler) {
    public HostReference {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(pooler, "pooler");
    }

    @Override
    public String toString() {
        return location + " = " + host.text() + pooler.map(p -> " (Pooler " + p + ")").orElse("");
    }
}
