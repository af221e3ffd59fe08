package dev.rewind.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test support: a simulated CloudNativePG operator with the Barman Cloud plugin, driven by {@link #step()} — no
 * threads, no sleeping, time from the injected {@link Clock}. Each step, for every object not yet terminal
 * (cnpg-barman.md §1.3, §1.4):
 * <ul>
 *   <li>a Cluster without a phase moves to {@code Setting up primary}; on the next step to
 *       {@code Cluster in healthy state} with condition {@code Ready=True/ClusterIsReady} — or to the phase set with
 *       {@link #stickAt(String, String)};</li>
 *   <li>a Backup without a phase moves to {@code running} (with {@code startedAt}); on the next step to
 *       {@code completed} with a barman {@code backupId} from the clock and {@code stoppedAt}, or to {@code failed}
 *       with {@code status.error} for a cluster set with {@link #failBackupsOf(String, String)}.</li>
 * </ul>
 * {@link #freeze()} stops all progress (for timeout tests). Backups of a Cluster that does not exist fail as CNPG's
 * do ({@code error: cluster not found}).
 */
final class SimulatedCnpg {
    static final String HEALTHY = "Cluster in healthy state";
    private static final DateTimeFormatter BACKUP_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, String> backupErrors = new HashMap<>();
    private final Map<String, String> stuckPhases = new HashMap<>();
    private boolean frozen;
    private int steps;

    SimulatedCnpg(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Backups of {@code cluster} fail with {@code error}. */
    SimulatedCnpg failBackupsOf(String cluster, String error) {
        backupErrors.put(cluster, error);
        return this;
    }

    /** Cluster {@code cluster} ends in {@code phase} instead of healthy. */
    SimulatedCnpg stickAt(String cluster, String phase) {
        stuckPhases.put(cluster, phase);
        return this;
    }

    /** Nothing progresses any more. */
    SimulatedCnpg freeze() {
        frozen = true;
        return this;
    }

    int steps() {
        return steps;
    }

    void step() {
        steps++;
        if (frozen) {
            return;
        }
        for (GenericKubernetesResource c : list(ResourceKind.POSTGRES_CLUSTER)) {
            String phase = phase(c);
            String name = c.getMetadata().getName();
            if (phase == null) {
                setStatus(ResourceKind.POSTGRES_CLUSTER, c, Map.of("phase", "Setting up primary", "instances", 1));
            } else if (phase.equals("Setting up primary")) {
                String end = stuckPhases.getOrDefault(name, HEALTHY);
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("phase", end);
                status.put("currentPrimary", name + "-1");
                status.put("readyInstances", end.equals(HEALTHY) ? 1 : 0);
                status.put("conditions", List.of(Map.of("type", "Ready",
                        "status", end.equals(HEALTHY) ? "True" : "False",
                        "reason", end.equals(HEALTHY) ? "ClusterIsReady" : "ClusterIsNotReady",
                        "message", end, "lastTransitionTime", clock.instant().toString())));
                setStatus(ResourceKind.POSTGRES_CLUSTER, c, status);
            }
        }
        for (GenericKubernetesResource b : list(ResourceKind.POSTGRES_BACKUP)) {
            String phase = phase(b);
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) b.getAdditionalProperties().get("spec");
            @SuppressWarnings("unchecked")
            String cluster = String.valueOf(((Map<String, Object>) spec.get("cluster")).get("name"));
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("method", "plugin");
            if (phase == null) {
                status.put("phase", "running");
                status.put("startedAt", clock.instant().toString());
                setStatus(ResourceKind.POSTGRES_BACKUP, b, status);
            } else if (phase.equals("running")) {
                boolean clusterExists = client.genericKubernetesResources(ResourceKind.POSTGRES_CLUSTER.context())
                        .inNamespace(b.getMetadata().getNamespace()).withName(cluster).get() != null;
                String error = clusterExists ? backupErrors.get(cluster) : "cluster not found";
                if (error != null) {
                    status.put("phase", "failed");
                    status.put("error", error);
                } else {
                    status.put("phase", "completed");
                    status.put("backupId", BACKUP_ID.format(clock.instant()));
                    status.put("stoppedAt", clock.instant().toString());
                }
                setStatus(ResourceKind.POSTGRES_BACKUP, b, status);
            }
        }
    }

    private List<GenericKubernetesResource> list(ResourceKind kind) {
        return client.genericKubernetesResources(kind.context()).inAnyNamespace().list().getItems();
    }

    private static String phase(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m && m.get("phase") != null ? String.valueOf(m.get("phase")) : null;
    }

    private void setStatus(ResourceKind kind, GenericKubernetesResource r, Map<String, Object> status) {
        r.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind.context()).inNamespace(r.getMetadata().getNamespace()).resource(r)
                .updateStatus();
    }
}
