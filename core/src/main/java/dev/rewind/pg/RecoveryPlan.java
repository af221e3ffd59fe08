package dev.rewind.pg;

import dev.rewind.barman.Recoverability;
import dev.rewind.barman.RecoveryWindow;
import dev.rewind.cnpg.Manifest;
import dev.rewind.cnpg.RecoveryClusterSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified point-in-time recovery into a new Cluster: the evidence read from the archive (the pinned base backup,
 * the WAL range, timeline hops) and the Cluster manifest that performs it. Nothing has been applied.
 *
 * @param spec     the recovery Cluster's parameters
 * @param evidence what {@link dev.rewind.barman.BarmanReport#recoverabilityAt} found for the target
 * @param window   the archive's recovery window when planned
 */
public record RecoveryPlan(RecoveryClusterSpec spec, Recoverability.Recoverable evidence,
                           Optional<RecoveryWindow> window) {
    public RecoveryPlan {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(window, "window");
    }

    public String namespace() {
        return spec.namespace();
    }

    public String newName() {
        return spec.name();
    }

    public Instant targetAt() {
        return spec.targetAt();
    }

    public Manifest manifest() {
        return spec.manifest();
    }

    /** One line of evidence for an operator: target, pinned backup, WAL range, hops, new cluster and folder. */
    public String summary() {
        return "target " + targetAt() + " is recoverable: base backup " + evidence.backupId() + ", WAL "
                + evidence.firstWal() + ".." + evidence.walUntil() + ", timeline hops " + evidence.hops().size()
                + "; new cluster " + namespace() + "/" + newName() + " archives to serverName "
                + spec.newServerName();
    }

    /** The manifest as YAML, the default output (meant for a commit to the GitOps repository). */
    public String toYaml() {
        return manifest().toYaml();
    }
}
