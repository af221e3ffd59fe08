package dev.rewind.kube;

import dev.rewind.app.PodState;
import dev.rewind.app.SandboxActions;
import dev.rewind.cluster.NamespaceScope;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link SandboxActions} over the fabric8 client: a GET before every creation (an existing object is left alone),
 * plain DELETEs, Secret data sent base64-encoded in {@code data}. Failures are translated by {@link ApiCall}.
 * Thread-safe (the client is); the caller owns the client.
 */
public final class Fabric8SandboxActions implements SandboxActions {
    private final KubernetesClient client;
    private final ApiCall api;

    public Fabric8SandboxActions(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.api = new ApiCall(client);
    }

    @Override
    public boolean namespaceExists(String namespace) {
        return api.call("get", ResourceKind.NAMESPACE, NamespaceScope.of(namespace),
                () -> client.namespaces().withName(namespace).get()) != null;
    }

    @Override
    public void createNamespace(String namespace, Map<String, String> labels) {
        if (namespaceExists(namespace)) {
            return;
        }
        api.call("create", ResourceKind.NAMESPACE, NamespaceScope.of(namespace), () -> client.namespaces()
                .resource(new NamespaceBuilder().withMetadata(new ObjectMetaBuilder().withName(namespace)
                        .withLabels(labels).build()).build()).create());
    }

    @Override
    public void deleteNamespace(String namespace) {
        api.call("delete", ResourceKind.NAMESPACE, NamespaceScope.of(namespace),
                () -> client.namespaces().withName(namespace).delete());
    }

    @Override
    public void createSecret(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        NamespaceScope scope = NamespaceScope.of(namespace);
        if (api.call("get", ResourceKind.SECRET, scope,
                () -> client.secrets().inNamespace(namespace).withName(name).get()) != null) {
            return;
        }
        Map<String, String> encoded = new LinkedHashMap<>();
        Base64.Encoder base64 = Base64.getEncoder();
        data.forEach((k, v) -> encoded.put(k, base64.encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        api.call("create", ResourceKind.SECRET, scope, () -> client.secrets().inNamespace(namespace)
                .resource(new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name)
                        .withNamespace(namespace).withLabels(labels).build())
                        .withType("Opaque").withData(encoded).build()).create());
    }

    @Override
    public Optional<PodState> findPod(String namespace, String name) {
        Pod pod = api.call("get", ResourceKind.POD, NamespaceScope.of(namespace),
                () -> client.pods().inNamespace(namespace).withName(name).get());
        if (pod == null) {
            return Optional.empty();
        }
        var status = pod.getStatus();
        Optional<ContainerStatus> container = Optional.ofNullable(status)
                .map(s -> s.getContainerStatuses()).filter(l -> !l.isEmpty()).map(l -> l.getFirst());
        var terminated = container.map(c -> c.getState()).map(s -> s.getTerminated());
        OptionalInt exit = terminated.map(t -> t.getExitCode()).map(OptionalInt::of).orElse(OptionalInt.empty());
        Optional<String> message = Optional.ofNullable(status).map(s -> s.getMessage())
                .or(() -> container.map(c -> c.getState()).map(s -> s.getWaiting())
                        .map(w -> w.getReason() + Optional.ofNullable(w.getMessage()).map(m -> ": " + m).orElse("")))
                .or(() -> Optional.ofNullable(status).map(s -> s.getConditions()).stream().flatMap(l -> l.stream())
                        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                        .map(c -> c.getReason() + Optional.ofNullable(c.getMessage()).map(m -> ": " + m).orElse(""))
                        .findFirst())
                .or(() -> terminated.map(t -> t.getReason()));
        return Optional.of(new PodState(Optional.ofNullable(status).map(s -> s.getPhase()), exit, message));
    }

    @Override
    public Optional<String> findNamespacePhase(String namespace) {
        var found = api.call("get", ResourceKind.NAMESPACE, NamespaceScope.of(namespace),
                () -> client.namespaces().withName(namespace).get());
        if (found == null) {
            return Optional.empty();
        }
        boolean terminating = found.getMetadata().getDeletionTimestamp() != null
                || found.getStatus() != null && "Terminating".equals(found.getStatus().getPhase());
        return Optional.of(terminating ? "Terminating" : "Active");
    }

    @Override
    public java.util.List<dev.rewind.app.LabelledObject> findLabelled(String namespace, String labelKey) {
        NamespaceScope scope = NamespaceScope.of(namespace);
        java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> found = new java.util.ArrayList<>();
        found.addAll(api.call("list", ResourceKind.POD, scope,
                () -> client.pods().inNamespace(namespace).withLabel(labelKey).list().getItems()));
        found.addAll(api.call("list", ResourceKind.PERSISTENT_VOLUME_CLAIM, scope, () -> client
                .persistentVolumeClaims().inNamespace(namespace).withLabel(labelKey).list().getItems()));
        found.addAll(api.call("list", ResourceKind.SECRET, scope,
                () -> client.secrets().inNamespace(namespace).withLabel(labelKey).list().getItems()));
        found.addAll(api.call("list", ResourceKind.REPLICATION_DESTINATION, scope, () -> client
                .genericKubernetesResources("volsync.backube/v1alpha1", "ReplicationDestination")
                .inNamespace(namespace).withLabel(labelKey).list().getItems()));
        return found.stream().filter(o -> o.getMetadata().getCreationTimestamp() != null)   // the API always sets it
                .map(o -> new dev.rewind.app.LabelledObject(o.getApiVersion() == null
                        ? "v1" : o.getApiVersion(), o.getKind(), namespace, o.getMetadata().getName(),
                        java.time.Instant.parse(o.getMetadata().getCreationTimestamp())))
                .sorted(java.util.Comparator.comparing(dev.rewind.app.LabelledObject::createdAt)).toList();
    }
}
