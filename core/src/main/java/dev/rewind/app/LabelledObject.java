package dev.rewind.app;

import java.time.Instant;
import java.util.Objects;

/**
 * An object found by its label ({@link SandboxActions#findLabelled}).
 *
 * @param apiVersion e.g. {@code v1}, {@code volsync.backube/v1alpha1}
 * @param kind       e.g. {@code Secret}
 * @param namespace  its namespace
 * @param name       its name
 * @param createdAt  {@code metadata.creationTimestamp}
 */
public record LabelledObject(String apiVersion, String kind, String namespace, String name, Instant createdAt) {
    public LabelledObject {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
