package dev.rewind.cnpg;

import java.util.Objects;

/** A {@code {name, key}} reference to one key of a Secret in the referring object's namespace. */
public record SecretKeyRef(String name, String key) {
    public SecretKeyRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }
}
