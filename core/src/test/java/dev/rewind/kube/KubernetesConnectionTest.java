package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.cluster.NamespaceScope;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KubernetesConnection#connect} with an explicit kubeconfig file, as {@code --kubeconfig} passes it. */
class KubernetesConnectionTest {

    @Test
    void explicitKubeconfigAndContextReachTheServer(@TempDir Path dir) throws IOException {
        try (MockCluster cluster = new MockCluster()) {
            new ReferenceCluster(cluster).paperlessNgx();
            Path kubeconfig = dir.resolve("config");
            Files.writeString(kubeconfig, kubeconfig(cluster.client().getMasterUrl().toString()));

            try (KubernetesConnection connection = KubernetesConnection.connect(Optional.of(kubeconfig),
                    Optional.of("lab"))) {
                assertThat(connection.contextNamespace()).contains("media");
                assertThat(connection.reader().listReplicationSources(NamespaceScope.of("default")))
                        .extracting(rs -> rs.name()).containsExactly("paperless-ngx");
                assertThat(connection.writer().getReplicationSource("default", "paperless-ngx").sourcePvc())
                        .isEqualTo("paperless-ngx");
            }
        }
    }

    @Test
    void missingKubeconfigIsInvalidInputNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> KubernetesConnection.connect(Optional.of(missing), Optional.empty()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("kubeconfig " + missing + " does not exist");
                });
    }

    static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                current-context: home
                clusters:
                  - name: home
                    cluster: {server: "https://home.invalid:6443", insecure-skip-tls-verify: true}
                  - name: lab
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                  - name: u
                    user: {token: test-token}
                contexts:
                  - name: home
                    context: {cluster: home, user: u, namespace: default}
                  - name: lab
                    context: {cluster: lab, user: u, namespace: media}
                """.formatted(server);
    }
}
