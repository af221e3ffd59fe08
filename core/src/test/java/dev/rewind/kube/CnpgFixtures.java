package dev.rewind.kube;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test support: the reference cluster's postgres objects plus the Secret its ExternalSecret renders. */
final class CnpgFixtures {
    static final String NS = "postgresql-system";
    static final String CREDENTIALS = "postgres-backup-credentials";
    static final String TEST_ACCESS_KEY = "GKtest0123456789abcdef";
    static final String TEST_SECRET_KEY = "test-only-secret-key-not-real";

    private CnpgFixtures() {
    }

    /** The reference cluster's postgres Cluster, ObjectStore, ScheduledBackup, Backup and the credentials Secret. */
    static void referencePostgres(MockCluster cluster) {
        new ReferenceCluster(cluster).postgresCluster();
        secret(cluster, CREDENTIALS, Map.of("ACCESS_KEY_ID", TEST_ACCESS_KEY, "SECRET_ACCESS_KEY", TEST_SECRET_KEY));
    }

    static void secret(MockCluster cluster, String name, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        cluster.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withType("Opaque").withData(data).build()).create();
    }

    /** Replaces a custom object's spec field by field (a shallow merge into {@code spec}). */
    @SuppressWarnings("unchecked")
    static void patchSpec(MockCluster cluster, ResourceKind kind, String name, Map<String, Object> fields) {
        var resource = cluster.client().genericKubernetesResources(kind.context()).inNamespace(NS).withName(name);
        var current = resource.get();
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) current.getAdditionalProperties()
                .get("spec"));
        fields.forEach((k, v) -> {
            if (v == null) {
                spec.remove(k);
            } else {
                spec.put(k, v);
            }
        });
        current.setAdditionalProperty("spec", spec);
        cluster.client().genericKubernetesResources(kind.context()).inNamespace(NS).resource(current).update();
    }
}
