package dev.rewind.kube;

import dev.rewind.volsync.CopyMethod;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.MoverJobName;
import dev.rewind.volsync.ReplicationDestination;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Test support: a simulated Volsync controller (perfectra1n fork, Kopia mover) for ReplicationSources and
 * ReplicationDestinations, driven by the test through {@link #step()} — no threads, no sleeping, time from the
 * injected {@link Clock}. It mirrors the fork's observable behaviour (volsync.md §2.5, §2.6, §4.4, §4.5):
 * <ul>
 *   <li>A sync runs when {@code spec.trigger.manual} is non-empty and differs from {@code status.lastManualSync}.</li>
 *   <li>First step: create the mover Job ({@code volsync-src-<rs>} / {@code volsync-dst-<rd>}, labels
 *       {@code app.kubernetes.io/created-by=volsync}, {@code volsync.backube/cleanup=<uid>}) and its pod
 *       {@code <job>-<suffix>} ({@code job-name=<job>}, container {@code kopia}); set {@code lastSyncStartTime} and
 *       {@code Synchronizing=True/SyncInProgress}.</li>
 *   <li>Next step, the Job finishes according to the object's {@link Outcome}:
 *     <ul>
 *       <li>{@link Outcome.Succeeds} (the default for RSs): {@code lastSyncTime}, {@code lastSyncDuration},
 *           {@code lastManualSync=<tag>}, {@code latestMoverStatus.result=Successful},
 *           {@code Synchronizing=False/WaitingForManual}; for an RD with {@code copyMethod: Snapshot} a new
 *           {@code latestImage} VolumeSnapshot {@code volsync-<rd>-dest-<yyyyMMddHHmmss>}, and
 *           {@code status.kopia.requestedIdentity}; Job and pod are deleted.</li>
 *       <li>An RS success first calls the {@link #onBackup} hook (the mover's snapshot).</li>
 *       <li>{@link Outcome.Restores}: as Succeeds, the log names the selected snapshot.</li>
 *       <li>{@link Outcome.NothingToRestore} (the default for RDs): the same "Successful" completion, including a
 *           new latestImage, but the log says {@code No eligible snapshots found} — the trap of §2.5.</li>
 *       <li>{@link Outcome.Hangs}: the Job never finishes; nothing is reported.</li>
 *       <li>{@link Outcome.Fails}: {@code latestMoverStatus.result=Failed} with the log tail; the Job and pod are
 *           deleted and re-created (new UID) — forever; {@code lastManualSync} never advances.</li>
 *     </ul></li>
 *   <li>{@code spec.paused: true}: the sync "completes" in one step without any Job (§2.6).</li>
 * </ul>
 * Not simulated: schedules, the volume populator, Job back-off timing.
 */
final class SimulatedVolsync {
    private static final DateTimeFormatter IMAGE_STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final String IMAGE = "ghcr.io/perfectra1n/volsync:v0.17.11";

    /** How the next mover Job of an object ends. */
    sealed interface Outcome {
        /** A backup (or restore) that works. */
        record Succeeds() implements Outcome { }

        /** A restore that selects and restores the given snapshot. */
        record Restores(String snapshotId) implements Outcome {
            public Restores {
                Objects.requireNonNull(snapshotId, "snapshotId");
            }
        }

        /** A restore that finds no snapshot for its identity and still reports success. */
        record NothingToRestore() implements Outcome { }

        /** A mover that fails every time (e.g. the repository is unreachable). */
        record Fails() implements Outcome { }

        /**
         * A restore whose repository location is wrong: connecting fails, the mover creates a new empty repository
         * and reports success with nothing restored (volsync.md §2.5).
         */
        record CreatesRepository() implements Outcome { }
        /** A mover that never finishes (e.g. its pod cannot be scheduled): the trigger stays pending forever. */
        record Hangs() implements Outcome { }
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Map<String, Integer> jobsCreated = new HashMap<>();
    private java.util.function.BiConsumer<String, String> onBackup = (namespace, name) -> { };
    private int podCounter;
    private Function<GenericKubernetesResource, Optional<Outcome>> destinationPolicy = rd -> Optional.empty();
    private BiConsumer<GenericKubernetesResource, Outcome> restoreFinished = (rd, outcome) -> { };

    SimulatedVolsync(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Sets how the mover Jobs of the RS or RD {@code namespace/name} end from now on. */
    void outcome(ResourceKind kind, String namespace, String name, Outcome outcome) {
        outcomes.put(key(kind, namespace, name), outcome);
    }

    /**
     * Decides the outcome of ReplicationDestinations without an explicit {@link #outcome} (e.g. by running the fork's
     * snapshot selection over a fixture repository); empty falls back to {@link Outcome.NothingToRestore}.
     */
    void destinationPolicy(Function<GenericKubernetesResource, Optional<Outcome>> policy) {
        this.destinationPolicy = Objects.requireNonNull(policy, "policy");
    }

    /** Called whenever an RD's mover Job ends (after the status is written), with the outcome it had. */
    void onRestoreFinished(BiConsumer<GenericKubernetesResource, Outcome> listener) {
        this.restoreFinished = Objects.requireNonNull(listener, "listener");
    }

    /** Shorthand: the RS's mover Jobs fail from now on. */
    void failMover(String namespace, String name) {
        outcome(ResourceKind.REPLICATION_SOURCE, namespace, name, new Outcome.Fails());
    }

    /**
     * Called with {@code (namespace, name)} when an RS mover Job succeeds — the moment the real mover has written its
     * snapshot; tests write one into their fixture repository here. Not called for paused sources (they move no data).
     */
    void onBackup(java.util.function.BiConsumer<String, String> hook) {
        this.onBackup = Objects.requireNonNull(hook, "hook");
    }

    /** How many mover Jobs were created for this object so far (re-creations after failures included). */
    int jobsCreated(ResourceKind kind, String namespace, String name) {
        return jobsCreated.getOrDefault(key(kind, namespace, name), 0);
    }

    /**
     * One reconcile pass over every ReplicationSource and ReplicationDestination; then, as Kubernetes' garbage
     * collector does through owner references, the mover Jobs and pods of deleted objects go away.
     */
    void step() {
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (ResourceKind kind : List.of(ResourceKind.REPLICATION_SOURCE, ResourceKind.REPLICATION_DESTINATION)) {
            for (GenericKubernetesResource object : client.genericKubernetesResources(kind.context())
                    .inAnyNamespace().list().getItems()) {
                owners.add(String.valueOf(object.getMetadata().getUid()));
                reconcile(kind, object);
            }
        }
        for (Job job : client.batch().v1().jobs().inAnyNamespace().withLabel("app.kubernetes.io/created-by", "volsync")
                .list().getItems()) {
            if (!owners.contains(job.getMetadata().getLabels().get("volsync.backube/cleanup"))) {
                deleteMover(job.getMetadata().getNamespace(), job.getMetadata().getName());
            }
        }
    }

    private void reconcile(ResourceKind kind, GenericKubernetesResource object) {
        String ns = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName();
        Map<String, Object> spec = mapOrEmpty(object.getAdditionalProperties().get("spec"));
        Map<String, Object> status = new LinkedHashMap<>(mapOrEmpty(object.getAdditionalProperties().get("status")));
        Object manual = mapOrEmpty(spec.get("trigger")).get("manual");
        String tag = manual == null ? "" : manual.toString();
        if (tag.isEmpty() || tag.equals(status.get("lastManualSync"))) {
            return;
        }
        boolean source = kind == ResourceKind.REPLICATION_SOURCE;
        String jobName = source ? MoverJobName.forSource(name) : MoverJobName.forDestination(name);
        Instant now = clock.instant();
        if (Boolean.TRUE.equals(spec.get("paused"))) {
            complete(kind, object, status, tag, now, now, "paused: no data was moved");
            return;
        }
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        if (job == null) {
            createMover(kind, object, jobName, source ? "backup" : "restore");
            status.put("lastSyncStartTime", now.toString());
            status.put("conditions", List.of(condition("True", "SyncInProgress", "Synchronization in-progress", now)));
            writeStatus(kind, object, status);
            return;
        }
        if (moverRunning.merge(ns + "/" + jobName, 1, Integer::sum) <= moverSteps) {
            return;   // the mover is still running (its log grows, see podLog)
        }
        moverRunning.remove(ns + "/" + jobName);
        Outcome outcome = outcomes.containsKey(key(kind, ns, name)) ? outcomes.get(key(kind, ns, name))
                : source ? new Outcome.Succeeds()
                : destinationPolicy.apply(object).orElseGet(Outcome.NothingToRestore::new);
        if (outcome instanceof Outcome.Hangs) {
            return;   // the Job stays active, nothing is reported
        }
        boolean fails = outcome instanceof Outcome.Fails;
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder(job)
                .withStatus(fails ? new JobStatusBuilder().withFailed(1).build()
                        : new JobStatusBuilder().withSucceeded(1).build())
                .build()).updateStatus();
        deleteMover(ns, jobName);
        Instant startedAt = Instant.parse(String.valueOf(status.getOrDefault("lastSyncStartTime", now.toString())));
        String identity = source ? "" : "INFO: Looking for snapshots with identity: "
                + CustomResourceMapper.replicationDestination(object).identity(Optional.empty()) + "\n";
        switch (outcome) {
            case Outcome.Fails f -> {
                status.put("latestMoverStatus", Map.of("result", "Failed", "logs", identity
                        + "ERROR: Failed to connect to repository\nOPERATION_RESULT: FAILURE\nEXIT_CODE: 1"));
                writeStatus(kind, object, status);
                createMover(kind, object, jobName, source ? "backup" : "restore");   // forever (§4.4)
            }
            case Outcome.Succeeds s -> {
                if (source) {
                    onBackup.accept(ns, name);
                }
                complete(kind, object, status, tag, startedAt, now, source
                    ? "INFO: Snapshot created successfully\nOPERATION_RESULT: SUCCESS\nEXIT_CODE: 0"
                    : identity + "INFO: Snapshot restore completed successfully\nOPERATION_RESULT: SUCCESS");
            }
            case Outcome.Restores r -> complete(kind, object, status, tag, startedAt, now, tail(identity
                    + "INFO: Selected snapshot with id: " + r.snapshotId()
                    + "\nINFO: Snapshot restore completed successfully\nOPERATION_RESULT: SUCCESS\nEXIT_CODE: 0"));
            case Outcome.NothingToRestore n -> complete(kind, object, status, tag, startedAt, now, tail(identity
                    + "WARN: No eligible snapshots found\n=== No data will be restored ===\n"
                    + "OPERATION_RESULT: SUCCESS\nEXIT_CODE: 0"));
            case Outcome.CreatesRepository c -> complete(kind, object, status, tag, startedAt, now,
                    tail(restoreLog(object, c)));
            case Outcome.Hangs h -> throw new IllegalStateException("a hanging mover does not finish");
        }
        if (!source) {
            restoreFinished.accept(object, outcome);
        }
    }

    private void complete(ResourceKind kind, GenericKubernetesResource object, Map<String, Object> status, String tag,
                          Instant startedAt, Instant now, String logs) {
        status.remove("lastSyncStartTime");
        status.put("lastSyncTime", now.toString());
        status.put("lastSyncDuration", Duration.between(startedAt, now).toSeconds() + "s");
        status.put("lastManualSync", tag);
        status.put("latestMoverStatus", Map.of("result", "Successful", "logs", logs));
        status.put("conditions", List.of(condition("False", "WaitingForManual", "Waiting for manual trigger", now)));
        if (kind == ResourceKind.REPLICATION_DESTINATION) {
            ReplicationDestination rd = CustomResourceMapper.replicationDestination(object);
            KopiaIdentity identity = rd.identity(Optional.empty());
            status.put("kopia", Map.of("requestedIdentity", identity.userAtHost()));
            String name = object.getMetadata().getName();
            if (rd.kopia().copyMethod() == CopyMethod.SNAPSHOT) {
                status.put("latestImage", Map.of("apiGroup", "snapshot.storage.k8s.io", "kind", "VolumeSnapshot",
                        "name", "volsync-" + name + "-dest-" + IMAGE_STAMP.format(now)));
            } else {
                status.put("latestImage", Map.of("apiGroup", "", "kind", "PersistentVolumeClaim",
                        "name", rd.kopia().destinationPvc().orElse("volsync-" + name + "-dest")));
            }
        }
        writeStatus(kind, object, status);
    }

    private void createMover(ResourceKind kind, GenericKubernetesResource owner, String jobName, String direction) {
        String ns = owner.getMetadata().getNamespace();
        jobsCreated.merge(key(kind, ns, owner.getMetadata().getName()), 1, Integer::sum);
        Map<String, String> labels = Map.of("app.kubernetes.io/created-by", "volsync",
                "volsync.backube/cleanup", String.valueOf(owner.getMetadata().getUid()));
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(jobName).withNamespace(ns).withLabels(labels).build())
                .withNewSpec().withBackoffLimit(8)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("kopia").withImage(IMAGE)
                .withCommand("/mover-kopia/entry.sh").withArgs(direction).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        Map<String, String> podLabels = new HashMap<>(labels);
        podLabels.put("job-name", jobName);
        podLabels.put("batch.kubernetes.io/job-name", jobName);
        String podName = jobName + "-" + String.format("%05d", ++podCounter);
        var pod = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(podName)
                        .withNamespace(ns).withLabels(podLabels).build())
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("kopia").withImage(IMAGE).endContainer()
                .endSpec().build()).create();
        // Running, so that a log read does not wait (fabric8 waits for a pod that is not yet running)
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .addNewContainerStatus().withName("kopia").withReady(true).withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus().build());
        client.pods().inNamespace(ns).resource(pod).updateStatus();
        if (kind == ResourceKind.REPLICATION_DESTINATION) {
            Outcome outcome = outcomes.containsKey(key(kind, ns, owner.getMetadata().getName()))
                    ? outcomes.get(key(kind, ns, owner.getMetadata().getName()))
                    : destinationPolicy.apply(owner).orElseGet(Outcome.NothingToRestore::new);
            podLogs.put(ns + "/" + podName, new MoverPodLog(restoreLog(owner, outcome), ns + "/" + jobName));
            moverRunning.put(ns + "/" + jobName, 0);
            moverPodCreated.accept(ns, podName);
        }
    }

    private void deleteMover(String ns, String jobName) {
        client.pods().inNamespace(ns).withLabel("job-name", jobName).delete();
        client.batch().v1().jobs().inNamespace(ns).withName(jobName).delete();
    }

    private void writeStatus(ResourceKind kind, GenericKubernetesResource object, Map<String, Object> status) {
        object.setAdditionalProperty("status", status);
        client.genericKubernetesResources(kind.context()).inNamespace(object.getMetadata().getNamespace())
                .resource(object).updateStatus();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String key(ResourceKind kind, String namespace, String name) {
        return kind.name() + ":" + namespace + "/" + name;
    }

    private static Map<String, Object> condition(String status, String reason, String message, Instant at) {
        return Map.of("type", "Synchronizing", "status", status, "reason", reason, "message", message,
                "lastTransitionTime", at.toString());
    }

    // ---- mover pod logs (volsync.md §2.5 markers, §4.5 pods)

    private final Map<String, Integer> moverRunning = new HashMap<>();
    private final Map<String, MoverPodLog> podLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private int moverSteps;
    private boolean tailOnly;
    private BiConsumer<String, String> moverPodCreated = (namespace, pod) -> { };

    private record MoverPodLog(String text, String job) { }

    /** Mover Jobs run this many extra steps before they finish; their pod's log grows line by line meanwhile. */
    void moverSteps(int steps) {
        this.moverSteps = steps;
    }

    /**
     * {@code latestMoverStatus.logs} keeps only the trailer ({@code OPERATION_RESULT}, {@code EXIT_CODE}), as when
     * the 1 KiB tail has cut off everything that tells what was restored.
     */
    void statusTailOnly() {
        this.tailOnly = true;
    }

    /** Called with {@code (namespace, pod)} when an RD mover pod is created. */
    void onMoverPod(BiConsumer<String, String> listener) {
        this.moverPodCreated = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What {@code GET pods/<pod>/log?container=kopia} shows now: the whole log once the mover has finished or when
     * movers take one step, else the first lines in proportion to the steps it has run.
     */
    String podLog(String namespace, String pod) {
        MoverPodLog log = podLogs.get(namespace + "/" + pod);
        if (log == null) {
            return "";
        }
        List<String> lines = log.text().lines().toList();
        int ran = moverRunning.getOrDefault(log.job(), moverSteps);
        int visible = (int) Math.min(lines.size(), (long) lines.size() * (ran + 1) / (moverSteps + 1));
        return String.join("\n", lines.subList(0, Math.max(1, visible))) + "\n";
    }

    private String tail(String logs) {
        if (!tailOnly) {
            return logs;
        }
        List<String> lines = logs.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }

    /** The restore mover's whole log for an outcome, with the fork's markers (volsync.md §2.5). */
    private static String restoreLog(GenericKubernetesResource rd, Outcome outcome) {
        KopiaIdentity identity = CustomResourceMapper.replicationDestination(rd).identity(Optional.empty());
        Map<String, Object> kopia = mapOrEmpty(mapOrEmpty(rd.getAdditionalProperties().get("spec")).get("kopia"));
        StringBuilder log = new StringBuilder();
        if (outcome instanceof Outcome.CreatesRepository) {
            log.append("WARN: Connection failed, creating new repository...\n=== Creating repository ===\n");
        }
        log.append("INFO: Setting client identity to '").append(identity.userAtHost()).append("'\n");
        log.append("INFO: Looking for snapshots with identity: ").append(identity).append('\n');
        if (kopia.get("restoreAsOf") != null) {
            log.append("INFO: Restoring as of: ").append(kopia.get("restoreAsOf")).append('\n');
        }
        log.append("INFO: Using previous offset: ").append(kopia.getOrDefault("previous", 0)).append('\n');
        switch (outcome) {
            case Outcome.Restores r -> log.append("INFO: Selected snapshot with id: ").append(r.snapshotId())
                    .append("\nINFO: Snapshot restore completed successfully\n");
            case Outcome.Succeeds x -> log.append("INFO: Snapshot restore completed successfully\n");
            case Outcome.NothingToRestore x -> log.append("WARN: No eligible snapshots found\n"
                    + "=== No data will be restored ===\n");
            case Outcome.CreatesRepository x -> log.append("WARN: No eligible snapshots found\n"
                    + "=== No data will be restored ===\n");
            case Outcome.Fails x -> log.append("ERROR: Failed to connect to repository\n");
            case Outcome.Hangs x -> {
                return log.append("INFO: Restoring snapshot...\n").toString();   // never gets further
            }
        }
        boolean ok = !(outcome instanceof Outcome.Fails);
        log.append("=== OPERATION SUMMARY ===\nOPERATION_RESULT: ").append(ok ? "SUCCESS" : "FAILURE")
                .append("\nEXIT_CODE: ").append(ok ? 0 : 1).append('\n');
        return log.toString();
    }
}
