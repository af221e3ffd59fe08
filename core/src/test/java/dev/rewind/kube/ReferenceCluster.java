package dev.rewind.kube;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: puts the reference cluster's objects (bpg-dev/home-ops, reference-cluster.md) into a
 * {@link MockCluster} the way Flux would — the shared Volsync component rendered with each app's
 * {@code postBuild.substitute} values and the placeholders' defaults, the app's {@code targetNamespace}, and the
 * {@code kustomize.toolkit.fluxcd.io/name|namespace} labels on everything the Kustomization applies
 * ({@code helm.toolkit.fluxcd.io/*} on what a HelmRelease renders). Flux Kustomizations live in {@code flux-system}.
 */
public final class ReferenceCluster {
    static final String FLUX_NAMESPACE = "flux-system";
    private static final String COMPONENT = "bpg-dev-home-ops/components/volsync/";

    /** Which workload the app's HelmRelease renders. */
    public enum WorkloadShape { STATEFUL_SET, DEPLOYMENT, NONE }

    private final MockCluster cluster;

    public ReferenceCluster(MockCluster cluster) {
        this.cluster = cluster;
    }

    static Map<String, String> kustomizeLabels(String kustomization) {
        return Map.of("kustomize.toolkit.fluxcd.io/name", kustomization,
                "kustomize.toolkit.fluxcd.io/namespace", FLUX_NAMESPACE);
    }

    static Map<String, String> helmLabels(String release, String namespace) {
        return Map.of("helm.toolkit.fluxcd.io/name", release, "helm.toolkit.fluxcd.io/namespace", namespace);
    }

    /** paperless-ngx in {@code default}, exactly as its ks.yaml substitutes (VOLSYNC_CAPACITY 100Gi, schedule :20). */
    public void paperlessNgx() {
        String app = "paperless-ngx";
        Map<String, String> vars = Map.of("APP", app, "VOLSYNC_CAPACITY", "100Gi",
                "VOLSYNC_SCHEDULE", "20 * * * *", "SECRET_DOMAIN", "example.test");
        String ks = MockCluster.resource("bpg-dev-home-ops/apps/default/paperless-ngx/ks.yaml")
                .replace("&app ", "").replace("*app", app);   // YAML anchors, resolved by hand
        cluster.apply(ks, FLUX_NAMESPACE, Map.of());
        Map<String, String> labels = new HashMap<>(kustomizeLabels(app));
        labels.put("app.kubernetes.io/name", app);           // ks.yaml commonMetadata
        component(vars, "default", labels);
        cluster.apply(FluxSubstitution.substitute(
                MockCluster.resource("bpg-dev-home-ops/apps/default/paperless-ngx/helmrelease.yaml"), vars),
                "default", labels);
        Map<String, String> rendered = new HashMap<>(helmLabels(app, "default"));
        rendered.put("app.kubernetes.io/name", app);
        cluster.apply(FluxSubstitution.substitute(MockCluster.resource("fixture/statefulset.yaml"), vars),
                "default", rendered);
    }

    /**
     * A further app built from the shared component, with a minimal HelmRelease and the given workload.
     */
    public void componentApp(String app, String namespace, WorkloadShape shape, int replicas) {
        componentApp(app, namespace, shape, replicas, app);
    }

    /** As {@link #componentApp(String, String, WorkloadShape, int)} with a Kustomization named {@code ks}. */
    void componentApp(String app, String namespace, WorkloadShape shape, int replicas, String ks) {
        Map<String, String> vars = Map.of("APP", app, "REPLICAS", Integer.toString(replicas));
        cluster.apply("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: %s
                spec:
                  targetNamespace: %s
                  interval: 1h
                  path: ./kubernetes/apps/%s/%s/app
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                """.formatted(ks, namespace, namespace, app), FLUX_NAMESPACE, Map.of());
        component(vars, namespace, kustomizeLabels(ks));
        cluster.apply(FluxSubstitution.substitute(MockCluster.resource("fixture/helmrelease.yaml"), vars),
                namespace, kustomizeLabels(ks));
        String workload = switch (shape) {
            case STATEFUL_SET -> "fixture/statefulset.yaml";
            case DEPLOYMENT -> "fixture/deployment.yaml";
            case NONE -> null;
        };
        if (workload != null) {
            cluster.apply(FluxSubstitution.substitute(MockCluster.resource(workload), vars), namespace,
                    helmLabels(app, namespace));
        }
    }

    /** The Volsync component (PVC, RD, RS) plus the Secret its ExternalSecret would produce. */
    void component(Map<String, String> vars, String namespace, Map<String, String> labels) {
        for (String file : List.of("pvc.yaml", "replicationdestination.yaml", "replicationsource.yaml")) {
            cluster.apply(FluxSubstitution.substitute(MockCluster.resource(COMPONENT + file), vars), namespace, labels);
        }
        cluster.apply(FluxSubstitution.substitute(MockCluster.resource("fixture/volsync-secret.yaml"), vars),
                namespace, labels);
    }

    /** The CNPG cluster {@code postgres} with its ObjectStore, ScheduledBackup, Backup and per-instance RSs. */
    public void postgresCluster() {
        String dir = "bpg-dev-home-ops/apps/postgresql-system/postgres-cluster/";
        String ns = "postgresql-system";
        cluster.apply(MockCluster.resource(dir + "ks.yaml"), FLUX_NAMESPACE, Map.of());
        Map<String, String> labels = kustomizeLabels("postgres-cluster");
        for (String file : List.of("cluster.yaml", "objectstore.yaml", "scheduledbackup.yaml", "backup.yaml",
                "volsync.yaml")) {
            cluster.apply(MockCluster.resource(dir + file), ns, labels);
        }
        cluster.apply(FluxSubstitution.substitute(MockCluster.resource("fixture/volsync-secret.yaml"),
                Map.of("APP", "postgres")), ns, labels);
        for (int i = 1; i <= 3; i++) {
            cluster.apply(FluxSubstitution.substitute(MockCluster.resource("fixture/cnpg-instance-pvc.yaml"),
                    Map.of("PVC", "postgres-" + i, "CLUSTER", "postgres")), ns, Map.of());
        }
    }
}
