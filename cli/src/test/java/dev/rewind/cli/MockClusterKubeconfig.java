package dev.rewind.cli;

import dev.rewind.kube.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file whose current context points at a {@link MockCluster}, for {@code --kubeconfig}. */
final class MockClusterKubeconfig {
    private MockClusterKubeconfig() {
    }

    static Path write(MockCluster cluster, Path dir) {
        Path file = dir.resolve("kubeconfig");
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    current-context: mock
                    clusters:
                      - name: mock
                        cluster: {server: "%s", insecure-skip-tls-verify: true}
                    users:
                      - name: u
                        user: {token: test-token}
                    contexts:
                      - name: mock
                        context: {cluster: mock, user: u}
                    """.formatted(cluster.client().getMasterUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
