package dev.rewind.server;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.ClusterWriter;
import dev.rewind.app.MoverLogs;
import dev.rewind.backup.Waiter;
import dev.rewind.kube.KubernetesConnection;
import java.util.Objects;

/**
 * The server's connection to the Kubernetes API server: reads for discovery, and — only used when backup triggers
 * are enabled — the ReplicationSource trigger patch and mover logs of {@code rewind backup}. {@link #close()}
 * releases the connection.
 *
 * @param waiter how the backup workflow waits between polls (production: sleeps)
 */
public record ClusterAccess(KubernetesConnection connection, Waiter waiter) implements AutoCloseable {
    public ClusterAccess {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(waiter, "waiter");
    }

    /**
     * Connects like kubectl (nothing is sent until the first request, so an API server that is down does not stop
     * the server from starting).
     *
     * @throws dev.rewind.error.RewindException INVALID_INPUT for a missing kubeconfig file or unknown context
     */
    public static ClusterAccess connect(ClusterDiscovery config) {
        return new ClusterAccess(KubernetesConnection.connect(config.kubeconfig(), config.context()),
                Waiter.sleeping());
    }

    public ClusterReader reader() {
        return connection.reader();
    }

    public ClusterWriter writer() {
        return connection.writer();
    }

    public MoverLogs moverLogs() {
        return connection.moverLogs();
    }

    @Override
    public void close() {
        connection.close();
    }
}
