package dev.rewind.cluster;

/** The workload kinds rewind scales down and back up around a restore. */
public enum WorkloadKind {
    DEPLOYMENT("Deployment"),
    STATEFUL_SET("StatefulSet");

    private final String kubernetesKind;

    WorkloadKind(String kubernetesKind) {
        this.kubernetesKind = kubernetesKind;
    }

    /** The Kubernetes {@code kind}, e.g. {@code StatefulSet}. */
    public String kubernetesKind() {
        return kubernetesKind;
    }
}
