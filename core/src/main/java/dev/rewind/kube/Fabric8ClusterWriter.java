package dev.rewind.kube;

import dev.rewind.app.ClusterWriter;
import dev.rewind.app.MoverLogs;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.Trigger;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ClusterWriter} and {@link MoverLogs} over the fabric8 client. The trigger is written with one JSON merge
 * patch on the custom resource ({@code {"spec":{"trigger":{"schedule":…,"manual":…}}}}, {@code null} for each
 * absent field, so the result is exactly the given trigger); mover pods are found by the label
 * {@code job-name=<job>} that Volsync itself uses (volsync.md §4.5). Failures are translated as in
 * {@link Fabric8ClusterReader} (403 → UNAVAILABLE "forbidden: patch replicationsources.volsync.backube in
 * namespace …" with a {@code kubectl auth can-i} hint).
 *
 * <p>Thread-safe. Does not close the client it was given.
 */
public final class Fabric8ClusterWriter implements ClusterWriter, MoverLogs {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final KubernetesClient client;
    private final ApiCall api;

    public Fabric8ClusterWriter(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.api = new ApiCall(client);
    }

    @Override
    public ReplicationSource getReplicationSource(String namespace, String name) {
        ResourceKind kind = ResourceKind.REPLICATION_SOURCE;
        GenericKubernetesResource object = api.call("get", kind, NamespaceScope.of(namespace),
                () -> client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get());
        if (object == null) {
            throw new RewindException(Reason.NOT_FOUND, "ReplicationSource " + namespace + "/" + name
                    + " does not exist");
        }
        try {
            return CustomResourceMapper.replicationSource(object);
        } catch (MalformedObjectException e) {
            throw new RewindException(Reason.INVALID_INPUT, e.getMessage());
        }
    }

    @Override
    public void setReplicationSourceTrigger(String namespace, String name, Trigger trigger) {
        Objects.requireNonNull(trigger, "trigger");
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode spec = patch.putObject("spec");
        if (trigger.schedule().isEmpty() && trigger.manual().isEmpty()) {
            spec.putNull("trigger");
        } else {
            ObjectNode t = spec.putObject("trigger");
            putOrNull(t, "schedule", trigger.schedule());
            putOrNull(t, "manual", trigger.manual());
        }
        ResourceKind kind = ResourceKind.REPLICATION_SOURCE;
        GenericKubernetesResource patched = api.call("patch", kind, NamespaceScope.of(namespace), () -> {
            try {
                return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    throw new RewindException(Reason.NOT_FOUND, "ReplicationSource " + namespace + "/" + name
                            + " does not exist (cannot set its trigger)", e);
                }
                throw e;
            }
        });
        if (patched == null) {
            throw new RewindException(Reason.NOT_FOUND, "ReplicationSource " + namespace + "/" + name
                    + " does not exist (cannot set its trigger)");
        }
    }

    private static void putOrNull(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }

    @Override
    public List<String> findPods(String namespace, String jobName) {
        List<Pod> pods = api.call("list", ResourceKind.POD, NamespaceScope.of(namespace),
                () -> client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems());
        return pods.stream()
                .sorted(Comparator.comparing((Pod p) -> Objects.requireNonNullElse(
                                p.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(p -> p.getMetadata().getName()))
                .map(p -> p.getMetadata().getName())
                .toList();
    }

    @Override
    public String readLog(String namespace, String pod, String container) {
        return api.call("get", ResourceKind.POD_LOG, NamespaceScope.of(namespace), () -> {
            // One plain GET of the log subresource. fabric8's PodResource#getLog always runs a pod-ready wait first
            // (an informer: a LIST and a WATCH of the pod, even with withReadyWaitTimeout(0)), which would need
            // watch permission on pods that no rewind role grants; callers poll anyway.
            String path = "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(pod) + "/log?pretty=false"
                    + "&container=" + encode(container);
            try {
                String log = client.raw(path);
                return log == null ? "" : log;
            } catch (KubernetesClientException e) {
                // 404: the pod is gone; 400: the container has not started yet ("waiting to start")
                if (e.getCode() == 404 || e.getCode() == 400) {
                    return "";
                }
                throw e;
            }
        });
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
