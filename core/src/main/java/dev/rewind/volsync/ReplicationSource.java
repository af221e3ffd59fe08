package dev.rewind.volsync;

import dev.rewind.cluster.FluxOwnerRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Volsync {@code ReplicationSource} with the Kopia mover (volsync.md §1.1, §1.2).
 *
 * @param name      object name (the default Kopia username, §2.1)
 * @param namespace object namespace (the default Kopia hostname, §2.1)
 * @param sourcePvc {@code spec.sourcePVC}
 * @param trigger   {@code spec.trigger}
 * @param paused    {@code spec.paused}: the mover then fakes successful syncs (§2.6)
 * @param kopia     {@code spec.kopia}
 * @param labels    object labels (Flux ownership)
 * @param status    {@code status}
 */
public record ReplicationSource(String name, String namespace, String sourcePvc, Trigger trigger, boolean paused,
                                KopiaSourceSpec kopia, Map<String, String> labels, ReplicationSourceStatus status) {
    public ReplicationSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(sourcePvc, "sourcePvc");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(kopia, "kopia");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(status, "status");
    }

    /** The Kopia source this RS writes its snapshots under (§2.1). */
    public KopiaIdentity identity() {
        return KopiaIdentity.forSource(this);
    }

    /** The Flux owners named by this object's labels. */
    public List<FluxOwnerRef> fluxOwners() {
        return FluxOwnerRef.fromLabels(labels);
    }
}
