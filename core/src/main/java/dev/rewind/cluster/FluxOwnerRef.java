package dev.rewind.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to the Flux object that applied a resource, read from the ownership labels Flux sets.
 *
 * @param kind      Kustomization or HelmRelease
 * @param name      the owner's name
 * @param namespace the owner's namespace
 */
public record FluxOwnerRef(FluxKind kind, String name, String namespace) {
    public FluxOwnerRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The owners named by a resource's labels: a Kustomization when both {@code kustomize.toolkit.fluxcd.io/name} and
     * {@code …/namespace} are present, a HelmRelease when both {@code helm.toolkit.fluxcd.io/name} and
     * {@code …/namespace} are present. A label without its partner is ignored.
     */
    public static List<FluxOwnerRef> fromLabels(Map<String, String> labels) {
        List<FluxOwnerRef> owners = new ArrayList<>();
        for (FluxKind kind : FluxKind.values()) {
            String name = labels.get(kind.nameLabel());
            String namespace = labels.get(kind.namespaceLabel());
            if (name != null && !name.isBlank() && namespace != null && !namespace.isBlank()) {
                owners.add(new FluxOwnerRef(kind, name, namespace));
            }
        }
        return List.copyOf(owners);
    }

    @Override
    public String toString() {
        return (kind == FluxKind.KUSTOMIZATION ? "Kustomization " : "HelmRelease ") + namespace + "/" + name;
    }
}
