package dev.rewind.restore.wholeapp;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --database-cluster NAME [--database-namespace NS]}: the operator names the app's CNPG Cluster instead of
 * letting rewind find it.
 *
 * @param cluster   the Cluster's name
 * @param namespace its namespace; empty = the one the app's configuration names, else the app's
 */
public record DatabaseChoice(String cluster, Optional<String> namespace) {
    public DatabaseChoice {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        if (cluster.isBlank()) {
            throw new RewindException(Reason.INVALID_INPUT, "--database-cluster must not be empty");
        }
    }
}
