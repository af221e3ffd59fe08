package dev.rewind.server;

import dev.rewind.pg.ArchiveLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * A CNPG cluster discovered with a Barman Cloud plugin naming an ObjectStore: its archive, located through
 * {@link dev.rewind.pg.ArchiveLocator} (credentials from the ObjectStore's Secrets). Named
 * {@code <namespace>.<cluster>}.
 */
public record ClusterArchiveTarget(TargetName name, String namespace, String cluster, ArchiveLocation location,
                                   Optional<Schedule> barmanVerify) {
    public ClusterArchiveTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(barmanVerify, "barmanVerify");
    }
}
