package dev.rewind.app;

import java.util.List;
import java.util.Optional;

/**
 * Port to the parts of the cluster around an app that a restore must check or hold still (volsync.md §8.1 rows 1, 3
 * and 8): the Volsync controller, StorageClasses and VolumeSnapshotClasses, VolumeAttachments of the app's volume,
 * autoscalers of its workloads, and the short-lived pod that counts files in a restored claim.
 *
 * <p>Contract: reads are single GET/LIST requests; {@link #setScaledObjectPaused} is one JSON merge patch with field
 * manager {@value ClusterActions#FIELD_MANAGER}. Failures are {@link dev.rewind.error.RewindException}s as for
 * {@link ClusterActions} ({@code UNAVAILABLE} with an RBAC hint on 403), except where a method says it tolerates them.
 * Thread-safe.
 */
public interface RestoreEnvironment {
    /** Annotation that pauses a KEDA ScaledObject at a fixed replica count. */
    String KEDA_PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";

    /** Names of the VolumeAttachments ({@code storage.k8s.io/v1}) whose {@code spec.source.persistentVolumeName} is the PV. */
    List<String> attachmentsOf(String persistentVolume);

    /**
     * The Volsync controller: the Deployment labelled {@code app.kubernetes.io/name=volsync} (or named
     * {@code volsync}) in any namespace. A 403 on the cluster-wide list is tolerated ({@link ControllerAvailability.NotVisible}).
     */
    ControllerAvailability volsyncController();

    /** A StorageClass; empty when absent. */
    Optional<StorageClassInfo> findStorageClass(String name);

    /** Whether the cluster-scoped VolumeSnapshotClass exists (false also when the snapshot CRDs are not installed). */
    boolean volumeSnapshotClassExists(String name);

    /**
     * The autoscalers that own the replica count of a workload: HorizontalPodAutoscalers ({@code autoscaling/v2})
     * and KEDA ScaledObjects ({@code keda.sh/v1alpha1}, none when KEDA is not installed) whose
     * {@code scaleTargetRef} names it.
     *
     * @param kind {@code Deployment} or {@code StatefulSet}
     */
    List<Autoscaler> autoscalersOf(String namespace, String kind, String name);

    /**
     * Sets annotation {@value #KEDA_PAUSED_REPLICAS} of a ScaledObject to {@code value} (KEDA then holds the
     * workload at that count), or removes it when {@code value} is empty.
     */
    void setPausedReplicas(String namespace, String name, Optional<String> value);

    /** A ScaledObject's {@value #KEDA_PAUSED_REPLICAS} annotation; empty when absent (or the object is gone). */
    Optional<String> findPausedReplicas(String namespace, String name);

    /** {@code status.phase} of a pod; empty when the pod does not exist. */
    Optional<String> findPodPhase(String namespace, String name);

    /** The node of a running pod whose volumes reference the claim, if any (to place a second reader beside it). */
    Optional<String> findNodeMounting(String namespace, String claimName);
}
