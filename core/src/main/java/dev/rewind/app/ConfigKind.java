package dev.rewind.app;

/** The two kinds of object an app's environment is read from. */
public enum ConfigKind {
    SECRET("Secret"),
    CONFIG_MAP("ConfigMap");

    private final String kubernetesKind;

    ConfigKind(String kubernetesKind) {
        this.kubernetesKind = kubernetesKind;
    }

    public String kubernetesKind() {
        return kubernetesKind;
    }

    /** The location of {@code key} in the object {@code namespace/name} of this kind. */
    public ValueLocation key(String namespace, String name, String key) {
        return switch (this) {
            case SECRET -> new ValueLocation.SecretKey(namespace, name, key);
            case CONFIG_MAP -> new ValueLocation.ConfigMapKey(namespace, name, key);
        };
    }
}
