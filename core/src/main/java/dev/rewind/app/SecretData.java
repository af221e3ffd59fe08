package dev.rewind.app;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The decoded data of a Kubernetes Secret. {@link #toString()} shows the key names only, never the values, so the
 * record is safe to log or to put in an exception message.
 *
 * @param namespace Secret namespace
 * @param name      Secret name
 * @param data      decoded {@code data} (and {@code stringData}) by key
 */
public record SecretData(String namespace, String name, Map<String, String> data) {
    public SecretData {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        data = Map.copyOf(data);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(data.get(key));
    }

    public boolean has(String key) {
        return data.containsKey(key);
    }

    @Override
    public String toString() {
        return "SecretData[" + namespace + "/" + name + ", keys=" + new TreeSet<>(data.keySet()) + "]";
    }
}
