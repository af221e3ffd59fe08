package dev.rewind.app;

import dev.rewind.cluster.WorkloadKind;
import java.util.Objects;

/**
 * Where one configuration value of an app lives: a Secret key, a ConfigMap key, or a literal {@code env} value of a
 * workload's container. {@link #toString()} names the place, never the value.
 */
public sealed interface ValueLocation {

    String namespace();

    /** A key of a Secret's {@code data}. */
    record SecretKey(String namespace, String name, String key) implements ValueLocation {
        public SecretKey {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Secret " + namespace + "/" + name + " key " + key;
        }
    }

    /** A key of a ConfigMap's {@code data}. */
    record ConfigMapKey(String namespace, String name, String key) implements ValueLocation {
        public ConfigMapKey {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "ConfigMap " + namespace + "/" + name + " key " + key;
        }
    }

    /** A literal {@code env[].value} of one container of a Deployment or StatefulSet's pod template. */
    record EnvVar(WorkloadKind kind, String namespace, String workload, String container, String name)
            implements ValueLocation {
        public EnvVar {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return kind.kubernetesKind() + " " + namespace + "/" + workload + " container " + container + " env "
                    + name;
        }
    }
}
