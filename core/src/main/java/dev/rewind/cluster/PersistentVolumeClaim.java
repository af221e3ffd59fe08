package dev.rewind.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A PersistentVolumeClaim, reduced to what discovery and restore need.
 *
 * @param name             claim name
 * @param namespace        claim namespace
 * @param requestedStorage {@code spec.resources.requests.storage} as a Kubernetes quantity, e.g. {@code 100Gi}
 * @param storageClassName {@code spec.storageClassName}
 * @param accessModes      {@code spec.accessModes}
 * @param labels           claim labels (Flux ownership labels, {@code cnpg.io/cluster}, …)
 * @param dataSourceRef    {@code spec.dataSourceRef} (the Volsync populator pattern points it at the RD)
 * @param phase            {@code status.phase}: Pending, Bound or Lost
 * @param volumeName       {@code spec.volumeName}, the bound PV
 */
public record PersistentVolumeClaim(String name, String namespace, Optional<String> requestedStorage,
                                    Optional<String> storageClassName, List<String> accessModes,
                                    Map<String, String> labels, Optional<TypedObjectRef> dataSourceRef,
                                    Optional<String> phase, Optional<String> volumeName) {
    public PersistentVolumeClaim {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(requestedStorage, "requestedStorage");
        Objects.requireNonNull(storageClassName, "storageClassName");
        accessModes = List.copyOf(accessModes);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(dataSourceRef, "dataSourceRef");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(volumeName, "volumeName");
    }

    /** The Flux owners named by this claim's labels. */
    public List<FluxOwnerRef> fluxOwners() {
        return FluxOwnerRef.fromLabels(labels);
    }
}
