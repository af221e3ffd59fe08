package dev.rewind.app;

import java.util.Map;
import java.util.Optional;

/**
 * Write port for work rewind does in a namespace of its own (the restore drill's sandbox): the namespace itself, a
 * copy of a Secret, and the state of a short-lived pod. Objects of the kinds {@link ClusterActions} knows
 * (claims, ReplicationDestinations, pods) are created and deleted through {@link ClusterActions}; pod logs are read
 * through {@link MoverLogs#readLog}.
 *
 * <p>Contract: creations are "ensure"-style (an existing object is left alone), deletions of absent objects succeed.
 * Failures are {@link dev.rewind.error.RewindException}s: {@code UNAVAILABLE} (unreachable, 401/403 naming the verb
 * and resource, with an RBAC hint), {@code INTERRUPTED}. Secret values never appear in messages. Thread-safe.
 */
public interface SandboxActions {

    /** Whether the namespace exists (a terminating one counts: see {@link #findNamespacePhase}). */
    boolean namespaceExists(String namespace);

    /** Creates the namespace with these labels unless it exists. */
    void createNamespace(String namespace, Map<String, String> labels);

    /** Deletes the namespace (and so everything in it) if it exists. */
    void deleteNamespace(String namespace);

    /** Creates an Opaque Secret with these labels and (plain-text) data unless one of that name exists. */
    void createSecret(String namespace, String name, Map<String, String> labels, Map<String, String> data);

    /** A pod's phase and its first container's exit code; empty when the pod does not exist. */
    Optional<PodState> findPod(String namespace, String name);

    /**
     * The namespace's {@code status.phase}: {@code Active} or {@code Terminating} (a deleted namespace stays
     * Terminating until its objects are gone, and nothing can be created in it meanwhile); empty when absent.
     */
    Optional<String> findNamespacePhase(String namespace);

    /**
     * The pods, claims, Secrets and ReplicationDestinations of {@code namespace} that carry the label {@code labelKey}
     * (any value), oldest first.
     */
    java.util.List<LabelledObject> findLabelled(String namespace, String labelKey);
}
