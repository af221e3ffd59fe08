package dev.rewind.kube;

import dev.rewind.volsync.MoverJobName;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test support: a simulated Volsync controller for ReplicationSources with the Kopia mover, driven by the test
 * through {@link #step()} (no threads, no sleeping). It mirrors the fork's observable behaviour (volsync.md §2.6,
 * §4.4, §4.5):
 * <ul>
 *   <li>A sync runs when {@code spec.trigger.manual} is non-empty and differs from {@code status.lastManualSync}.</li>
 *   <li>First step: create mover Job {@code volsync-src-<rs>} (labels {@code app.kubernetes.io/created-by=volsync},
 *       {@code volsync.backube/cleanup=<rs uid>}) and its pod {@code <job>-<suffix>} ({@code job-name=<job>},
 *       container {@code kopia}); set {@code lastSyncStartTime} and {@code Synchronizing=True/SyncInProgress}.</li>
 *   <li>Next step, success: the Job completes; status gets {@code lastSyncTime}, {@code lastSyncDuration},
 *       {@code lastManualSync=<tag>}, {@code latestMoverStatus.result=Successful},
 *       {@code Synchronizing=False/WaitingForManual}; Job and pod are deleted (cleanup).</li>
 *   <li>Next step, {@linkplain #failMover failing mover}: the Job fails; {@code latestMoverStatus.result=Failed} with
 *       the log tail; the Job and pod are deleted and re-created (new UID) — forever; {@code lastManualSync} never
 *       advances and {@code Synchronizing} stays True.</li>
 *   <li>{@code spec.paused: true}: the sync "completes" in one step without any Job — lastManualSync and a
 *       Successful result advance although nothing was backed up.</li>
 * </ul>
 * Each step advances nothing by itself; time comes from the injected {@link Clock}.
 */
final class SimulatedVolsync {
    private final KubernetesClient client;
    private final Clock clock;
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private int podCounter;

    SimulatedVolsync(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** From now on, mover Jobs of this RS ({@code namespace/name}) fail. */
    void failMover(String namespace, String name) {
        failing.add(namespace + "/" + name);
    }

    /** Mover Jobs of this RS succeed again. */
    void healMover(String namespace, String name) {
        failing.remove(namespace + "/" + name);
    }

    /** How many mover Jobs were created for this RS so far (re-creations after failures included). */
    int jobsCreated(String namespace, String name) {
        return attempts.getOrDefault(namespace + "/" + name, 0);
    }

    /** One reconcile pass over every ReplicationSource. */
    void step() {
        var sources = client.genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context()).inAnyNamespace()
                .list().getItems();
        for (GenericKubernetesResource rs : sources) {
            reconcile(rs);
        }
    }

    @SuppressWarnings("unchecked")
    private void reconcile(GenericKubernetesResource rs) {
        String ns = rs.getMetadata().getNamespace();
        String name = rs.getMetadata().getName();
        Map<String, Object> spec = mapOrEmpty(rs.getAdditionalProperties().get("spec"));
        Map<String, Object> status = new LinkedHashMap<>(mapOrEmpty(rs.getAdditionalProperties().get("status")));
        Object manual = mapOrEmpty(spec.get("trigger")).get("manual");
        String tag = manual == null ? "" : manual.toString();
        if (tag.isEmpty() || tag.equals(status.get("lastManualSync"))) {
            return;
        }
        String jobName = MoverJobName.forSource(name);
        Instant now = clock.instant();
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            complete(rs, status, tag, now, now, "Successful", "paused: no data was moved");
            return;
        }
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        if (job == null) {
            createMover(rs, jobName);
            status.put("lastSyncStartTime", now.toString());
            status.put("conditions", List.of(condition("True", "SyncInProgress", "Synchronization in-progress", now)));
            writeStatus(rs, status);
            return;
        }
        boolean fails = failing.contains(ns + "/" + name);
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job)
                .withStatus(fails ? new JobStatusBuilder().withFailed(1).build()
                        : new JobStatusBuilder().withSucceeded(1).build())
                .build()).updateStatus();
        deleteMover(ns, jobName);
        if (fails) {
            status.put("latestMoverStatus", Map.of("result", "Failed",
                    "logs", "ERROR: Failed to connect to repository\nOPERATION_RESULT: FAILURE\nEXIT_CODE: 1"));
            writeStatus(rs, status);
            createMover(rs, jobName);   // Volsync re-creates a failed mover Job forever (§4.4)
            return;
        }
        Instant startedAt = Instant.parse(String.valueOf(status.getOrDefault("lastSyncStartTime", now.toString())));
        complete(rs, status, tag, startedAt, now, "Successful",
                "INFO: Snapshot created successfully\nOPERATION_RESULT: SUCCESS\nEXIT_CODE: 0");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private void complete(GenericKubernetesResource rs, Map<String, Object> status, String tag, Instant startedAt,
                          Instant now, String result, String logs) {
        status.remove("lastSyncStartTime");
        status.put("lastSyncTime", now.toString());
        status.put("lastSyncDuration", Duration.between(startedAt, now).toSeconds() + "s");
        status.put("lastManualSync", tag);
        status.put("latestMoverStatus", Map.of("result", result, "logs", logs));
        status.put("conditions", List.of(condition("False", "WaitingForManual", "Waiting for manual trigger", now)));
        writeStatus(rs, status);
    }

    private void createMover(GenericKubernetesResource rs, String jobName) {
        String ns = rs.getMetadata().getNamespace();
        String key = ns + "/" + rs.getMetadata().getName();
        attempts.merge(key, 1, Integer::sum);
        Map<String, String> labels = Map.of("app.kubernetes.io/created-by", "volsync",
                "volsync.backube/cleanup", String.valueOf(rs.getMetadata().getUid()));
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(jobName).withNamespace(ns).withLabels(labels).build())
                .withNewSpec().withBackoffLimit(8)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("kopia").withImage("ghcr.io/perfectra1n/volsync:v0.17.11")
                .withCommand("/mover-kopia/entry.sh").withArgs("backup").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        String suffix = String.format("%05d", ++podCounter);
        Map<String, String> podLabels = new HashMap<>(labels);
        podLabels.put("job-name", jobName);
        podLabels.put("batch.kubernetes.io/job-name", jobName);
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(jobName + "-" + suffix).withNamespace(ns)
                        .withLabels(podLabels).build())
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("kopia").withImage("ghcr.io/perfectra1n/volsync:v0.17.11").endContainer()
                .endSpec().build()).create();
    }

    private void deleteMover(String ns, String jobName) {
        client.pods().inNamespace(ns).withLabel("job-name", jobName).delete();
        client.batch().v1().jobs().inNamespace(ns).withName(jobName).delete();
    }

    private void writeStatus(GenericKubernetesResource rs, Map<String, Object> status) {
        rs.setAdditionalProperty("status", status);
        client.genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context())
                .inNamespace(rs.getMetadata().getNamespace()).resource(rs).updateStatus();
    }

    private static Map<String, Object> condition(String status, String reason, String message, Instant at) {
        return Map.of("type", "Synchronizing", "status", status, "reason", reason, "message", message,
                "lastTransitionTime", at.toString());
    }
}
