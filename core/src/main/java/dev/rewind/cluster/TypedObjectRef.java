package dev.rewind.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code TypedLocalObjectReference} / {@code TypedObjectReference} such as a PVC's {@code dataSourceRef} or a
 * ReplicationDestination's {@code status.latestImage}.
 *
 * @param apiGroup API group; empty for the core group
 * @param kind     e.g. {@code ReplicationDestination}, {@code VolumeSnapshot}
 * @param name     object name
 */
public record TypedObjectRef(Optional<String> apiGroup, String kind, String name) {
    public TypedObjectRef {
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** Whether this points at the named Volsync ReplicationDestination (volsync.md §4.1). */
    public boolean isReplicationDestination(String destinationName) {
        return apiGroup.filter("volsync.backube"::equals).isPresent()
                && kind.equals("ReplicationDestination") && name.equals(destinationName);
    }
}
