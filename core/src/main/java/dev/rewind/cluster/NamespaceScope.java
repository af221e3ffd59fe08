package dev.rewind.cluster;

import java.util.Objects;

/** Which namespaces a list call covers: one namespace, or all of them. */
public sealed interface NamespaceScope {

    /** Every namespace the credentials can list. */
    record AllNamespaces() implements NamespaceScope {
        @Override
        public String toString() {
            return "all namespaces";
        }
    }

    /** A single namespace. */
    record Namespace(String name) implements NamespaceScope {
        public Namespace {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("namespace must not be blank");
            }
        }

        @Override
        public String toString() {
            return "namespace " + name;
        }
    }

    static NamespaceScope all() {
        return new AllNamespaces();
    }

    static NamespaceScope of(String namespace) {
        return new Namespace(namespace);
    }
}
