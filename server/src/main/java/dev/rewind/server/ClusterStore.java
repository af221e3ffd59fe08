package dev.rewind.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Quartz's clustered JDBC job store on PostgreSQL (DESIGN.md §7): several replicas share one schedule; each fire runs
 * on exactly one replica, and when a replica stops, the others take over its schedule (and recover its in-flight
 * checks after {@code clusterCheckinInterval}).
 *
 * @param jdbcUrl      {@code jdbc:postgresql://host:port/database}
 * @param user         the database user
 * @param passwordFile the file holding the database password, if the database wants one
 */
public record ClusterStore(String jdbcUrl, String user, Optional<Path> passwordFile) {
    public ClusterStore {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }
}
