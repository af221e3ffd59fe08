package dev.rewind.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Flux {@code Kustomization} ({@code kustomize.toolkit.fluxcd.io/v1}).
 *
 * @param name       object name
 * @param namespace  object namespace
 * @param suspended  {@code spec.suspend}
 * @param labels     its labels (a Kustomization may itself be owned by a parent Kustomization)
 * @param conditions {@code status.conditions}
 */
public record FluxKustomization(String name, String namespace, boolean suspended, Map<String, String> labels,
                                List<Condition> conditions) {
    public FluxKustomization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        conditions = List.copyOf(conditions);
    }

    public FluxOwnerRef ref() {
        return new FluxOwnerRef(FluxKind.KUSTOMIZATION, name, namespace);
    }
}
