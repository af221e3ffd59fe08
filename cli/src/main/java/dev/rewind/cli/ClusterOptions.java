package dev.rewind.cli;

import dev.rewind.cluster.NamespaceScope;
import dev.rewind.kube.KubernetesConnection;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options that select the Kubernetes cluster, shared by the commands that talk to it ({@code @Mixin}). Connects like
 * kubectl: {@code --kubeconfig}, else {@code KUBECONFIG} / {@code ~/.kube/config}, else in-cluster.
 */
final class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "kubeconfig context (default: current).")
    String context;

    KubernetesConnection connect() {
        return KubernetesConnection.connect(Optional.ofNullable(kubeconfig), Optional.ofNullable(context));
    }

    /** {@code -n NS} if given, else all namespaces. */
    static NamespaceScope scope(String namespace) {
        return namespace == null ? NamespaceScope.all() : NamespaceScope.of(namespace);
    }
}
