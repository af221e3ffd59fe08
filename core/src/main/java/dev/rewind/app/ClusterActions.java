package dev.rewind.app;

import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.volsync.ReplicationDestination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Write port to the Kubernetes API server for the restore workflow (volsync.md §8): the mutations it makes and the
 * reads of the objects it creates or waits on (which {@link ClusterReader} does not cover).
 *
 * <p>Contract:
 * <ul>
 *   <li>Every mutation is "ensure"-style and idempotent: creating an object that exists leaves it alone, deleting
 *       an absent object succeeds, a patch that changes nothing is harmless. Callers may therefore repeat any step
 *       after an interruption.</li>
 *   <li>All updates are sent with one field manager, {@value #FIELD_MANAGER}.</li>
 *   <li>Failures are {@link dev.rewind.error.RewindException}s: {@code UNAVAILABLE} (unreachable, 401/403 naming the
 *       verb and resource), {@code CONFLICT} (409: a conditional update lost a race), {@code NOT_FOUND} (patching an
 *       object that does not exist), {@code INTERRUPTED}.</li>
 *   <li>Implementations are safe for use from several threads.</li>
 * </ul>
 */
public interface ClusterActions {
    /** The field manager of every update rewind sends. */
    String FIELD_MANAGER = "rewind";

    /** Asks the API server ({@code SelfSubjectAccessReview}) whether the caller may do this. */
    boolean isAllowed(AccessRequest request);

    /** Sets {@code spec.suspend} of a Flux Kustomization or HelmRelease. */
    void setSuspended(FluxOwnerRef owner, boolean suspended);

    /** Reads {@code spec.suspend} of a Flux object; empty when it does not exist. */
    Optional<Boolean> findSuspended(FluxOwnerRef owner);

    /** Asks Flux to reconcile now: annotation {@code reconcile.fluxcd.io/requestedAt=<at>}. */
    void requestReconcile(FluxOwnerRef owner, Instant at);

    /** Sets {@code spec.paused} of a ReplicationSource. */
    void setReplicationSourcePaused(String namespace, String name, boolean paused);

    /** Sets {@code spec.replicas} of a Deployment or StatefulSet. */
    void scale(Workload workload, int replicas);

    /** {@code status.readyReplicas} of the workload (0 when absent). */
    int readyReplicas(Workload workload);

    /** Names of the pods in the namespace whose volumes reference the claim (terminating pods included). */
    List<String> podsMounting(String namespace, String claimName);

    /** Creates the object unless an object of that kind and name exists. */
    void ensureCreated(ObjectManifest manifest);

    /** Deletes the object of that API version/kind if it exists. */
    void ensureDeleted(String apiVersion, String kind, String namespace, String name);

    /** Whether an object of that API version/kind exists (a terminating one counts). */
    boolean exists(String apiVersion, String kind, String namespace, String name);

    /** Applies the document as a JSON merge patch to the existing object it names. */
    void mergePatch(ObjectManifest patch);

    /**
     * Removes one field (a JSON pointer such as {@code /spec/kopia/restoreAsOf}) if present, with a JSON patch that
     * first tests the current value (volsync.md §6.1 item 12: one operation per field, existence-checked).
     *
     * @return whether the field was present and removed
     */
    boolean removeField(String apiVersion, String kind, String namespace, String name, String jsonPointer);

    /** A PersistentVolume; empty when absent. */
    Optional<VolumeState> findVolume(String name);

    /** Sets {@code spec.persistentVolumeReclaimPolicy} of a PersistentVolume. */
    void setReclaimPolicy(String volumeName, String policy);

    /** Removes {@code uid} and {@code resourceVersion} from a released PV's {@code claimRef} so a new claim can bind. */
    void releaseClaimRef(String volumeName);

    /** A ReplicationDestination, typed; empty when absent. */
    Optional<ReplicationDestination> findReplicationDestination(String namespace, String name);

    /** A VolumeSnapshot's status; empty when absent. */
    Optional<SnapshotReadiness> findVolumeSnapshot(String namespace, String name);

    /** A claim's identity and creatable manifest; empty when absent. */
    Optional<ClaimState> findClaim(String namespace, String name);

    /** A ConfigMap's data; empty when absent. */
    Optional<Map<String, String>> findConfigMap(String namespace, String name);

    /** Creates or replaces a ConfigMap with these labels and data. */
    void putConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data);

    /** A Lease; empty when absent. */
    Optional<LeaseRecord> findLease(String namespace, String name);

    /**
     * Creates the Lease (when {@code lease.resourceVersion()} is empty) or replaces it conditionally on that version.
     *
     * @throws dev.rewind.error.RewindException CONFLICT when it already exists / the version moved on
     */
    LeaseRecord writeLease(LeaseRecord lease);

    /** Deletes the Lease if it exists. */
    void deleteLease(String namespace, String name);

    // ---- optimistic concurrency for a journal ConfigMap (appended)

    /** A ConfigMap's data with the resourceVersion it was read at; empty when absent. */
    Optional<VersionedConfigMap> findVersionedConfigMap(String namespace, String name);

    /**
     * Creates the ConfigMap (when {@code resourceVersion} is empty) or replaces it conditionally on that version, and
     * returns the version written.
     *
     * @throws dev.rewind.error.RewindException CONFLICT when it already exists / someone else wrote it since
     */
    String writeConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data,
                          Optional<String> resourceVersion);
}
