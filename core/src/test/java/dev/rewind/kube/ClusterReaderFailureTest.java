package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.AppDiscovery;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How API-server failures surface: reason, message naming the resource, hint. */
class ClusterReaderFailureTest {

    @Test
    void closedPortIsUnavailableNamingTheServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2_000).build();
        try (Fabric8ClusterReader reader =
                     new Fabric8ClusterReader(new KubernetesClientBuilder().withConfig(config).build())) {
            assertThatThrownBy(() -> reader.listReplicationSources(NamespaceScope.all()))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage())
                                .isEqualTo("cannot reach the Kubernetes API server at " + url);
                        assertThat(e.hint()).isPresent();
                    });
        }
    }

    @Test
    void connectReadsTheNamedContextFromKubeconfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path kubeconfig = dir.resolve("config");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: home
                clusters:
                  - name: home
                    cluster: {server: "https://10.0.0.1:6443"}
                  - name: lab
                    cluster: {server: "https://lab.example.test:6443"}
                contexts:
                  - name: home
                    context: {cluster: home, user: u, namespace: default}
                  - name: lab
                    context: {cluster: lab, user: u, namespace: media}
                users:
                  - name: u
                    user: {token: not-a-real-token}
                """);
        String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        try (Fabric8ClusterReader lab = Fabric8ClusterReader.connect(Optional.of("lab"));
             Fabric8ClusterReader current = Fabric8ClusterReader.connect(Optional.empty())) {
            assertThat(lab.masterUrl()).startsWith("https://lab.example.test:6443");
            assertThat(lab.contextNamespace()).contains("media");
            assertThat(current.masterUrl()).startsWith("https://10.0.0.1:6443");
            assertThat(current.contextNamespace()).contains("default");
        } finally {
            if (previous == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }
    }

    @Test
    void forbiddenListIsUnavailableWithRbacHint() {
        try (MockCluster cluster = new MockCluster(); Fabric8ClusterReader reader = cluster.reader()) {
            cluster.server().expect().get()
                    .withPath("/apis/volsync.backube/v1alpha1/namespaces/default/replicationsources")
                    .andReturn(403, status(403, "Forbidden",
                            "replicationsources.volsync.backube is forbidden: User \"rewind\" cannot list resource"))
                    .always();

            assertThatThrownBy(() -> new AppDiscovery(reader).get("paperless-ngx", Optional.of("default")))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo(
                                "forbidden: list replicationsources.volsync.backube in namespace default");
                        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                                .contains("RBAC")
                                .contains("kubectl auth can-i list replicationsources.volsync.backube -n default"));
                    });
        }
    }

    @Test
    void forbiddenSecretNamesTheSecretKindAndNamespace() {
        try (MockCluster cluster = new MockCluster(); Fabric8ClusterReader reader = cluster.reader()) {
            cluster.server().expect().get()
                    .withPath("/api/v1/namespaces/default/secrets/paperless-ngx-volsync-secret")
                    .andReturn(403, status(403, "Forbidden", "secrets is forbidden")).always();

            assertThatThrownBy(() -> reader.findSecret("default", "paperless-ngx-volsync-secret"))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo("forbidden: get secrets in namespace default");
                    });
        }
    }

    @Test
    void missingVolsyncCrdIsNotFoundNamingTheCrd() {
        try (MockCluster cluster = new MockCluster(); Fabric8ClusterReader reader = cluster.reader()) {
            cluster.server().expect().get().withPath("/apis/volsync.backube/v1alpha1/replicationsources")
                    .andReturn(404, status(404, "NotFound", "the server could not find the requested resource"))
                    .always();

            assertThatThrownBy(() -> new AppDiscovery(reader).findAll(NamespaceScope.all()))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.getMessage()).contains("replicationsources.volsync.backube")
                                .contains("not installed").contains("Volsync");
                    });
        }
    }

    @Test
    void malformedObjectIsInvalidInputNamingIt() {
        try (MockCluster cluster = new MockCluster(); Fabric8ClusterReader reader = cluster.reader()) {
            cluster.apply("""
                    apiVersion: volsync.backube/v1alpha1
                    kind: ReplicationSource
                    metadata:
                      name: broken
                    spec:
                      sourcePVC: broken
                      kopia:
                        repository: broken-secret
                        copyMethod: Teleport
                    """, "default", java.util.Map.of());

            assertThatThrownBy(() -> reader.listReplicationSources(NamespaceScope.of("default")))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("ReplicationSource default/broken").contains("Teleport");
                    });
        }
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).withStatus("Failure").build();
    }
}
