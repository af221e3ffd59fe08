package dev.rewind.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes object rewind creates, as the exact document it sends (so a dry-run plan can render it as YAML and the
 * executor applies the same thing).
 *
 * @param apiVersion e.g. {@code volsync.backube/v1alpha1}
 * @param kind       e.g. {@code ReplicationDestination}
 * @param namespace  object namespace
 * @param name       object name
 * @param document   the whole object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}) as nested maps,
 *                   lists, strings, numbers and booleans
 */
public record ObjectManifest(String apiVersion, String kind, String namespace, String name,
                             Map<String, Object> document) {
    public ObjectManifest {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        document = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    /** Builds the document from metadata labels and a spec. */
    public static ObjectManifest of(String apiVersion, String kind, String namespace, String name,
                                    Map<String, String> labels, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (!labels.isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(labels));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return new ObjectManifest(apiVersion, kind, namespace, name, document);
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
