package dev.rewind.cli;

import dev.rewind.cluster.NamespaceScope;
import dev.rewind.kube.KubernetesConnection;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options that select the Kubernetes cluster, shared by every command that talks to it ({@code @Mixin}, also in
 * {@code rewind pg}). Connects like kubectl: {@code --kubeconfig}, else {@code KUBECONFIG} (of
 * {@link RewindCommand#environment()}, first existing file), else {@code ~/.kube/config}, else in-cluster.
 */
public final class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "kubeconfig context (default: current).")
    String context;

    /** Connects with {@code --kubeconfig}, else the first existing file of the invocation's {@code KUBECONFIG}. */
    public KubernetesConnection connect(RewindCommand rewind) {
        Optional<Path> file = Optional.ofNullable(kubeconfig).or(() -> Optional
                .ofNullable(rewind.environment().get("KUBECONFIG")).stream()
                .flatMap(list -> Arrays.stream(list.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank()).map(Path::of).filter(Files::isRegularFile).findFirst());
        return KubernetesConnection.connect(file, Optional.ofNullable(context));
    }

    /** {@code -n NS} if given, else all namespaces. */
    static NamespaceScope scope(String namespace) {
        return namespace == null ? NamespaceScope.all() : NamespaceScope.of(namespace);
    }
}
