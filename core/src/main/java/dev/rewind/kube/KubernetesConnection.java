package dev.rewind.kube;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.ClusterWriter;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connection to one cluster as a {@link ClusterReader} and a {@link ClusterWriter}, configured like kubectl: an
 * explicit kubeconfig file, else {@code KUBECONFIG} / {@code ~/.kube/config} / the in-cluster service account.
 * Request retries are capped as in {@link Fabric8ClusterReader#connect}. Nothing is sent until the first call.
 */
public final class KubernetesConnection implements AutoCloseable {
    private final Fabric8ClusterReader reader;
    private final Fabric8ClusterWriter writer;

    private KubernetesConnection(Config config) {
        this.reader = new Fabric8ClusterReader(new KubernetesClientBuilder().withConfig(config).build());
        this.writer = new Fabric8ClusterWriter(new KubernetesClientBuilder().withConfig(config).build());
    }

    /**
     * @param kubeconfig a kubeconfig file, or empty for kubectl's lookup
     * @param context    the context to use, or empty for the kubeconfig's current context
     * @throws RewindException INVALID_INPUT when the kubeconfig file cannot be read
     */
    public static KubernetesConnection open(Optional<Path> kubeconfig, Optional<String> context) {
        Config config;
        if (kubeconfig.isPresent()) {
            try {
                config = Config.fromKubeconfig(context.orElse(null), Files.readString(kubeconfig.get()),
                        kubeconfig.get().toString());
            } catch (IOException e) {
                throw new RewindException(Reason.INVALID_INPUT, "cannot read kubeconfig " + kubeconfig.get(), e);
            }
        } else {
            config = Config.autoConfigure(context.orElse(null));
        }
        Integer retries = config.getRequestRetryBackoffLimit();
        config.setRequestRetryBackoffLimit(retries == null ? Fabric8ClusterReader.MAX_REQUEST_RETRIES
                : Math.min(retries, Fabric8ClusterReader.MAX_REQUEST_RETRIES));
        return new KubernetesConnection(config);
    }

    public ClusterReader reader() {
        return reader;
    }

    public ClusterWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
