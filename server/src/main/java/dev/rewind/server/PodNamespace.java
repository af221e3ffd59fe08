package dev.rewind.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The namespace the server's pod runs in: {@code POD_NAMESPACE} (the Downward API, set in
 * docs/deploy/app/deployment.yaml), else the service account's in-cluster namespace file. Scheduled drills work there
 * by default, where the deployment's RoleBinding grants the drill role.
 */
final class PodNamespace {
    /** The environment variable the deployment sets from {@code metadata.namespace}. */
    static final String ENV = "POD_NAMESPACE";
    /** Where Kubernetes mounts the service account's namespace. */
    static final Path IN_CLUSTER_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private PodNamespace() {
    }

    /** The pod's namespace from {@code env}, else from {@code file}; empty outside a pod. */
    static Optional<String> find(Map<String, String> env, Path file) {
        Optional<String> fromEnv = Optional.ofNullable(env.get(ENV)).map(String::strip).filter(s -> !s.isEmpty());
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
