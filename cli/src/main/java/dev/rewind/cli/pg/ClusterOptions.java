package dev.rewind.cli.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kube.Fabric8ClusterReader;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cluster C [-n NS] [--context CTX]}: a CNPG Cluster reached through the kubeconfig (a picocli mixin). */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "NAME", description = "CNPG Cluster name.")
    Optional<String> cluster = Optional.empty();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace (default: the kubeconfig context's, else 'default').")
    Optional<String> namespace = Optional.empty();

    @Option(names = "--context", paramLabel = "CTX", description = "kubeconfig context (default: current).")
    Optional<String> context = Optional.empty();

    String cluster() {
        return cluster.orElseThrow(() -> new RewindException(Reason.INVALID_INPUT, "--cluster is required"));
    }

    Fabric8ClusterReader connect() {
        return Fabric8ClusterReader.connect(context);
    }

    String namespace(Fabric8ClusterReader reader) {
        return namespace.or(reader::contextNamespace).orElse("default");
    }
}
