package dev.rewind.cli.pg;

import dev.rewind.cli.ClusterOptions;
import dev.rewind.cli.RewindCommand;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kube.KubernetesConnection;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --cluster C [-n NS]} plus the shared {@code --kubeconfig FILE --context CTX} of {@link ClusterOptions}: a
 * CNPG Cluster reached exactly like every other cluster command reaches the API server (a picocli mixin).
 */
final class CnpgClusterOptions {
    @Mixin
    ClusterOptions connection;

    @Option(names = "--cluster", paramLabel = "NAME", description = "CNPG Cluster name.")
    Optional<String> cluster = Optional.empty();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace (default: the kubeconfig context's, else 'default').")
    Optional<String> namespace = Optional.empty();

    String cluster() {
        return cluster.orElseThrow(() -> new RewindException(Reason.INVALID_INPUT, "--cluster is required"));
    }

    /** Connects with {@code --kubeconfig}/{@code --context}, else the invocation's {@code KUBECONFIG}, … */
    KubernetesConnection connect(RewindCommand rewind) {
        return connection.connect(rewind);
    }

    /** {@code -n NS}, else the namespace of the connection's context, else {@code default}. */
    String namespace(KubernetesConnection connected) {
        return namespace.or(connected::contextNamespace).orElse("default");
    }
}
