package dev.rewind.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Test support for the server (in core's test package, to reach its package-private simulated controllers): the
 * mock API server with the reference cluster's objects, a simulated Volsync, and the edits the server tests make
 * (point a Secret or an ObjectStore at the in-JVM S3 server, remove an app).
 */
public final class ServerClusterFixture implements AutoCloseable {
    private final MockCluster cluster = new MockCluster();
    private final ReferenceCluster reference = new ReferenceCluster(cluster);
    private final SimulatedVolsync volsync;

    public ServerClusterFixture(Clock clock) {
        this.volsync = new SimulatedVolsync(cluster.client(), clock);
    }

    public ReferenceCluster reference() {
        return reference;
    }

    /** A new connection to the mock API server (closing it leaves the server running). */
    public KubernetesConnection connect() {
        return KubernetesConnection.of(cluster.server().createClient());
    }

    /** Called with (namespace, name) when a simulated RS mover backs up. */
    public void onBackup(BiConsumer<String, String> hook) {
        volsync.onBackup(hook);
    }

    /** One reconcile pass of the simulated Volsync. */
    public void stepVolsync() {
        volsync.step();
    }

    /** Creates or replaces a Secret with these (plain) values. */
    public void secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        var secrets = cluster.client().secrets().inNamespace(namespace);
        if (secrets.withName(name).get() != null) {
            secrets.withName(name).delete();
        }
        secrets.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withType("Opaque").withData(data).build()).create();
    }

    public void deleteSecret(String namespace, String name) {
        cluster.client().secrets().inNamespace(namespace).withName(name).delete();
    }

    /** Removes an app: deletes its ReplicationSource. */
    public void deleteReplicationSource(String namespace, String name) {
        cluster.client().genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context()).inNamespace(namespace)
                .withName(name).delete();
    }

    /** Sets {@code spec.configuration.endpointURL} of an ObjectStore. */
    @SuppressWarnings("unchecked")
    public void objectStoreEndpoint(String namespace, String name, String endpoint) {
        var kind = ResourceKind.OBJECT_STORE.context();
        GenericKubernetesResource store = cluster.client().genericKubernetesResources(kind).inNamespace(namespace)
                .withName(name).get();
        Map<String, Object> spec = (Map<String, Object>) store.getAdditionalProperties().get("spec");
        Map<String, Object> configuration = new LinkedHashMap<>((Map<String, Object>) spec.get("configuration"));
        configuration.put("endpointURL", endpoint);
        Map<String, Object> newSpec = new LinkedHashMap<>(spec);
        newSpec.put("configuration", configuration);
        store.setAdditionalProperty("spec", newSpec);
        cluster.client().genericKubernetesResources(kind).inNamespace(namespace).resource(store).update();
    }

    /** Stops the mock API server (the API server is down from now on). */
    @Override
    public void close() {
        cluster.close();
    }
}
