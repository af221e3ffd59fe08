package dev.rewind.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Deployment or StatefulSet, reduced to what a restore needs.
 *
 * @param kind        Deployment or StatefulSet
 * @param name        object name
 * @param namespace   object namespace
 * @param replicas    {@code spec.replicas} (Kubernetes defaults a missing value to 1)
 * @param claimNames  the PVC claim names referenced by {@code spec.template.spec.volumes[].persistentVolumeClaim};
 *                    a StatefulSet's {@code volumeClaimTemplates} are not included
 * @param labels      the workload's own labels (Flux ownership labels live here)
 */
public record Workload(WorkloadKind kind, String name, String namespace, int replicas, List<String> claimNames,
                       Map<String, String> labels) {
    public Workload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0: " + replicas);
        }
        claimNames = List.copyOf(claimNames);
        labels = Map.copyOf(labels);
    }

    /** Whether the pod template mounts the named claim. */
    public boolean mounts(String claimName) {
        return claimNames.contains(claimName);
    }

    /** The Flux owners named by this workload's labels. */
    public List<FluxOwnerRef> fluxOwners() {
        return FluxOwnerRef.fromLabels(labels);
    }

    @Override
    public String toString() {
        return kind.kubernetesKind() + " " + namespace + "/" + name + " (replicas " + replicas + ")";
    }
}
