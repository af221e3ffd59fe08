package dev.rewind.app;

import java.util.Objects;

/**
 * One way a container of a workload's pod template gets environment variables: a literal {@code env} value, an
 * {@code env[].valueFrom} key reference, or an {@code envFrom} of a whole Secret or ConfigMap.
 */
public sealed interface EnvSource {

    /** The container (init containers included) it belongs to. */
    String container();

    /** {@code env: [{name, value}]}. The value may hold a secret: never log it. */
    record Literal(String container, String name, String value) implements EnvSource {
        public Literal {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code env: [{name, valueFrom: {secretKeyRef|configMapKeyRef: {name, key}}}]}. */
    record KeyRef(String container, String name, ConfigKind kind, String object, String key) implements EnvSource {
        public KeyRef {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code envFrom: [{secretRef|configMapRef: {name}}]}. */
    record FromObject(String container, ConfigKind kind, String object) implements EnvSource {
        public FromObject {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(object, "object");
        }
    }
}
