package dev.rewind.kube;

import dev.rewind.app.ClusterActions;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.ClusterWriter;
import dev.rewind.app.MoverLogs;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection to an API server, shared by the read, write and log adapters — what a front-end opens once per
 * command. Connects like kubectl: an explicit kubeconfig file ({@code --kubeconfig}), else {@code KUBECONFIG} /
 * {@code ~/.kube/config}, else the in-cluster service account; {@code --context} selects a context. Request retries
 * are capped as in {@link Fabric8ClusterReader#connect}. Nothing is sent until the first call.
 *
 * <p>Thread-safe. {@link #close()} releases the client.
 */
public final class KubernetesConnection implements AutoCloseable {
    private final KubernetesClient client;
    private final Fabric8ClusterReader reader;
    private final Fabric8ClusterWriter writer;
    private final Fabric8ClusterActions actions;
    private final Fabric8SandboxActions sandbox;

    private KubernetesConnection(KubernetesClient client) {
        this.client = client;
        this.reader = new Fabric8ClusterReader(client);
        this.writer = new Fabric8ClusterWriter(client);
        this.actions = new Fabric8ClusterActions(client);
        this.sandbox = new Fabric8SandboxActions(client);
    }

    /**
     * @param kubeconfig a kubeconfig file; empty = kubectl's lookup
     * @param context    a context of that kubeconfig; empty = its current context
     * @throws RewindException INVALID_INPUT naming the file when it does not exist or the context is unknown
     */
    public static KubernetesConnection connect(Optional<Path> kubeconfig, Optional<String> context) {
        Config config;
        try {
            if (kubeconfig.isPresent()) {
                Path file = kubeconfig.get();
                if (!Files.isRegularFile(file)) {
                    throw new RewindException(Reason.INVALID_INPUT, "kubeconfig " + file + " does not exist");
                }
                config = Config.fromKubeconfig(context.orElse(null), file.toFile());
            } else {
                config = Config.autoConfigure(context.orElse(null));
            }
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new RewindException(Reason.INVALID_INPUT, "cannot use kubeconfig"
                    + kubeconfig.map(f -> " " + f).orElse("") + context.map(c -> " context '" + c + "'").orElse("")
                    + ": " + e.getMessage(), e);
        }
        Integer retries = config.getRequestRetryBackoffLimit();
        config.setRequestRetryBackoffLimit(retries == null ? Fabric8ClusterReader.MAX_REQUEST_RETRIES
                : Math.min(retries, Fabric8ClusterReader.MAX_REQUEST_RETRIES));
        return new KubernetesConnection(new KubernetesClientBuilder().withConfig(config).build());
    }

    /** Wraps a client the caller built (tests). The connection closes it. */
    public static KubernetesConnection of(KubernetesClient client) {
        return new KubernetesConnection(Objects.requireNonNull(client, "client"));
    }

    public ClusterReader reader() {
        return reader;
    }

    public ClusterWriter writer() {
        return writer;
    }

    /** The writes a restore performs (Flux, scaling, snapshots, journal, lease). */
    public ClusterActions actions() {
        return actions;
    }

    public MoverLogs moverLogs() {
        return writer;
    }

    /** The API server URL, for messages. */
    public String masterUrl() {
        return String.valueOf(client.getMasterUrl());
    }

    /** The namespace of the selected context (or the pod's namespace in-cluster), if any. */
    public Optional<String> contextNamespace() {
        return Optional.ofNullable(client.getNamespace()).filter(s -> !s.isEmpty());
    }

    @Override
    public void close() {
        client.close();
    }

    /** What a restore checks and holds still around an app (Volsync controller, classes, attachments, autoscalers). */
    public RestoreEnvironment restoreEnvironment() {
        return new Fabric8RestoreEnvironment(client);
    }

    /** The writes of the restore drill in its sandbox namespace (namespace, Secret copy, checker pod state). */
    public dev.rewind.app.SandboxActions sandbox() {
        return sandbox;
    }

    // ---- appended for the whole-app restore

    /** CNPG Clusters and Backups (recovery, first backup) over this connection. */
    public dev.rewind.app.PostgresControl postgres() {
        return new Fabric8PostgresControl(reader);
    }

    /** The app's env/envFrom configuration and the connection switch over this connection. */
    public dev.rewind.app.AppEnvironment environment() {
        return new Fabric8AppEnvironment(client);
    }
}
