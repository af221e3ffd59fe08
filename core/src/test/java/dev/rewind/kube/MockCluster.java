package dev.rewind.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Test support: fabric8's {@link KubernetesMockServer} in CRUD mode (with a mixed dispatcher, so tests can also
 * register canned answers such as a 403 for one path), with the Volsync, Flux, CNPG and Barman Cloud kinds
 * registered as custom resources with a status subresource. Public for the cli and server tests (core test-jar).
 * Nothing may open a watch against it: kubernetes-server-mock 8.0.0 can block an event loop for 30 s when a watch is
 * closed while an event is being sent (requests then time out after 10 s and closing the server fails). rewind never
 * watches; its pod log reads are one GET ({@code Fabric8ClusterWriter#readLog}), not fabric8's {@code getLog}, which
 * opens an informer on the pod.
 *
 * <p>Request counting: the mock server records every request it receives; {@link #takeRequests()} drains that
 * record. Call it once after setting up objects to discard set-up traffic, then again after the code under test.
 */
public final class MockCluster implements AutoCloseable {
    /** Strong reference: the mock web server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.isCustom()) {
                server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup(kind.group())
                        .withVersion(kind.version())
                        .withKind(kind.kind())
                        .withPlural(kind.plural())
                        .withName(kind.resource())
                        .withScope("Namespaced")
                        .withStatusSubresource(true)
                        .build());
            }
        }
        client = server.createClient();
    }

    public KubernetesMockServer server() {
        return server;
    }

    public KubernetesClient client() {
        return client;
    }

    /** A reader over a separate client of this server (closing the reader leaves {@link #client()} open). */
    Fabric8ClusterReader reader() {
        return new Fabric8ClusterReader(server.createClient());
    }

    /**
     * Creates every object of a multi-document YAML text in {@code namespace}, adding {@code labels} (as Flux adds
     * its ownership labels).
     */
    public List<GenericKubernetesResource> apply(String yaml, String namespace, Map<String, String> labels) {
        List<GenericKubernetesResource> created = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
                continue;
            }
            GenericKubernetesResource object =
                    client.getKubernetesSerialization().unmarshal(doc, GenericKubernetesResource.class);
            object.getMetadata().setNamespace(namespace);
            Map<String, String> merged = new LinkedHashMap<>();
            if (object.getMetadata().getLabels() != null) {
                merged.putAll(object.getMetadata().getLabels());
            }
            merged.putAll(labels);
            object.getMetadata().setLabels(merged);
            created.add(client.genericKubernetesResources(kindOf(object).context()).inNamespace(namespace)
                    .resource(object).create());
        }
        return created;
    }

    /** Replaces the {@code status} of an object through the status subresource. */
    void setStatus(ResourceKind kind, String namespace, String name, Map<String, Object> status) {
        var resource = client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name);
        GenericKubernetesResource current = resource.get();
        current.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(current).updateStatus();
    }

    /** Drains the mock server's request record: "METHOD path" in arrival order. */
    public List<String> takeRequests() {
        List<String> requests = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
                requests.add(r.getMethod() + " " + r.getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return requests;
    }

    static ResourceKind kindOf(GenericKubernetesResource object) {
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.apiVersion().equals(object.getApiVersion()) && kind.kind().equals(object.getKind())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no ResourceKind for " + object.getApiVersion() + " " + object.getKind());
    }

    static String resource(String path) {
        try (InputStream in = MockCluster.class.getResourceAsStream("/k8s/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource k8s/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
