package dev.rewind.app;

import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.Trigger;

/**
 * Write port to the Kubernetes API server, kept apart from the read-only {@link ClusterReader}: the few changes a
 * backup makes to a ReplicationSource, and the fresh GET it needs to watch the outcome.
 *
 * <p>Contract: each method is one HTTP request. Failures are {@link dev.rewind.error.RewindException}s as in
 * {@link ClusterReader} ({@code UNAVAILABLE} with an RBAC hint naming the verb and resource on 401/403,
 * {@code NOT_FOUND} when the object does not exist). Implementations are thread-safe.
 */
public interface ClusterWriter {

    /**
     * The ReplicationSource as it is now (one GET).
     *
     * @throws dev.rewind.error.RewindException NOT_FOUND naming {@code namespace/name} when it does not exist
     */
    ReplicationSource getReplicationSource(String namespace, String name);

    /**
     * Replaces {@code spec.trigger} of the ReplicationSource with exactly {@code trigger} (one JSON merge patch:
     * absent fields are removed; {@link Trigger#none()} removes the trigger). Other fields are untouched.
     *
     * @throws dev.rewind.error.RewindException NOT_FOUND when the RS does not exist; UNAVAILABLE when forbidden
     */
    void setReplicationSourceTrigger(String namespace, String name, Trigger trigger);
}
