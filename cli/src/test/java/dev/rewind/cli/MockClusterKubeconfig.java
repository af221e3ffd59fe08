package dev.rewind.cli;

import dev.rewind.kube.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A kubeconfig file whose current context points at a mock API server, for {@code --kubeconfig}. */
final class MockClusterKubeconfig {
    private MockClusterKubeconfig() {
    }

    static Path write(MockCluster cluster, Path dir) {
        return write(cluster.client().getMasterUrl(), Optional.empty(), dir);
    }

    /** @param namespace the context's namespace (what {@code -n} defaults to), if any */
    static Path write(URL masterUrl, Optional<String> namespace, Path dir) {
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
                        context: {cluster: mock, user: u%s}
                    """.formatted(masterUrl, namespace.map(ns -> ", namespace: " + ns).orElse("")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
