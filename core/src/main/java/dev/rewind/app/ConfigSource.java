package dev.rewind.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A Secret or ConfigMap as the connection switch needs it: its (decoded) data and who manages it.
 * {@link #toString()} shows key names only, never values.
 *
 * @param kind        Secret or ConfigMap
 * @param namespace   namespace
 * @param name        name
 * @param data        decoded data by key
 * @param labels      metadata.labels
 * @param annotations metadata.annotations
 * @param owners      metadata.ownerReferences as {@code Kind/name}
 */
public record ConfigSource(ConfigKind kind, String namespace, String name, Map<String, String> data,
                           Map<String, String> labels, Map<String, String> annotations, List<String> owners) {
    public ConfigSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        data = Map.copyOf(data);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        owners = List.copyOf(owners);
    }

    /** Whether External Secrets Operator manages it (owner reference or {@code reconcile.external-secrets.io/*}). */
    public boolean managedByExternalSecrets() {
        return owners.stream().anyMatch(o -> o.startsWith("ExternalSecret/"))
                || labels.keySet().stream().anyMatch(k -> k.startsWith("reconcile.external-secrets.io/"))
                || annotations.keySet().stream().anyMatch(k -> k.startsWith("reconcile.external-secrets.io/"));
    }

    @Override
    public String toString() {
        return "ConfigSource[" + kind.kubernetesKind() + " " + namespace + "/" + name + ", keys="
                + new TreeSet<>(data.keySet()) + "]";
    }
}
