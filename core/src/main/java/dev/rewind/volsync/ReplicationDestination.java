package dev.rewind.volsync;

import dev.rewind.cluster.FluxOwnerRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Volsync {@code ReplicationDestination} with the Kopia mover (volsync.md §1.3, §1.4).
 *
 * @param name      object name
 * @param namespace object namespace
 * @param trigger   {@code spec.trigger} (community repositories use {@code manual: restore-once})
 * @param paused    {@code spec.paused}
 * @param kopia     {@code spec.kopia}
 * @param labels    object labels ({@code kustomize.toolkit.fluxcd.io/ssa: IfNotPresent} on bootstrap RDs)
 * @param status    {@code status}
 */
public record ReplicationDestination(String name, String namespace, Trigger trigger, boolean paused,
                                     KopiaDestinationSpec kopia, Map<String, String> labels,
                                     ReplicationDestinationStatus status) {
    public ReplicationDestination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(kopia, "kopia");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(status, "status");
    }

    /**
     * The Kopia source this RD restores from (§2.2). {@code source} is the live ReplicationSource named by
     * {@code sourceIdentity}, used for the same auto-discovery the controller does; pass empty if it does not exist.
     */
    public KopiaIdentity identity(Optional<ReplicationSource> source) {
        return KopiaIdentity.forDestination(this, source);
    }

    /** The namespace of the RS named by {@code sourceIdentity} (defaults to this RD's namespace). */
    public Optional<String> sourceNamespace() {
        return kopia.sourceIdentity().map(si -> si.sourceNamespace().orElse(namespace));
    }

    /** The Flux owners named by this object's labels. */
    public List<FluxOwnerRef> fluxOwners() {
        return FluxOwnerRef.fromLabels(labels);
    }
}
