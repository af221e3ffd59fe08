package dev.rewind.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Flux {@code HelmRelease} ({@code helm.toolkit.fluxcd.io/v2}).
 *
 * @param name       object name
 * @param namespace  object namespace
 * @param suspended  {@code spec.suspend}
 * @param labels     its labels; the {@code kustomize.toolkit.fluxcd.io/*} labels name the Kustomization that applied it
 * @param conditions {@code status.conditions}
 */
public record FluxHelmRelease(String name, String namespace, boolean suspended, Map<String, String> labels,
                              List<Condition> conditions) {
    public FluxHelmRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        conditions = List.copyOf(conditions);
    }

    public FluxOwnerRef ref() {
        return new FluxOwnerRef(FluxKind.HELM_RELEASE, name, namespace);
    }
}
