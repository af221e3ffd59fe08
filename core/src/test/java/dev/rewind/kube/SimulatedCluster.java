package dev.rewind.kube;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.ClusterActions;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.volsync.KopiaIdentity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support for workflows that change the cluster: the {@link MockCluster} (CRUD mode) with the reference cluster's
 * paperless-ngx app, plus simulated controllers driven by {@link #step()} (no threads, no sleeping):
 * <ul>
 *   <li>{@link SimulatedVolsync}, whose ReplicationDestinations restore by running the fork's snapshot selection
 *       (volsync.md §2.3: newest first, {@code startTime <= restoreAsOf} compared as strings, then {@code [previous]})
 *       over a real fixture repository's catalog — so a wrong identity or time restores nothing and still reports
 *       success (§2.5);</li>
 *   <li>a Flux that re-applies the replica count of every workload its HelmRelease renders unless the HelmRelease is
 *       suspended (it reverts a scale-down);</li>
 *   <li>workload controllers: one pod per replica mounting the pod template's claims, removed when scaled down, and
 *       {@code status.readyReplicas};</li>
 *   <li>a CSI snapshot controller: VolumeSnapshots become {@code readyToUse} and capture the claim's content; a claim
 *       created with a VolumeSnapshot {@code dataSourceRef} is Bound with that content;</li>
 *   <li>a volume-content map ({@link #content}): "original" at start, {@code snapshot:<id>} after a Direct restore,
 *       empty after {@code enableFileDeletion} wiped it and nothing was restored;</li>
 *   <li>{@code SelfSubjectAccessReview}: allowed unless {@link #deny denied}.</li>
 * </ul>
 */
public final class SimulatedCluster implements AutoCloseable {
    public static final String NAMESPACE = "default";
    public static final String APP = "paperless-ngx";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build();

    private final MockCluster cluster = new MockCluster();
    private final KubernetesClient client = cluster.client();
    private final SimulatedVolsync volsync;
    private final Fabric8ClusterReader reader;
    private final Fabric8ClusterActions writer;
    private final SnapshotCatalog catalog;
    private final Map<String, String> contents = new ConcurrentHashMap<>();
    private final Map<String, Integer> desiredReplicas = new HashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private boolean snapshotsReady = true;
    private boolean podsTerminate = true;
    private boolean waitForFirstConsumer;
    private Optional<String> restoredContent = Optional.empty();
    private final SimulatedCheckers checkers;
    private final KubernetesClient drillClient;
    private final Fabric8SandboxActions sandbox;
    private final Fabric8ClusterWriter podLogs;

    /** paperless-ngx (StatefulSet with {@code replicas}) whose RDs restore from {@code catalog}. */
    public SimulatedCluster(Clock clock, SnapshotCatalog catalog, int replicas) {
        this.catalog = catalog;
        new ReferenceCluster(cluster).paperlessNgx();
        surroundings();
        if (replicas != 1) {
            patch(ResourceKind.STATEFUL_SET, NAMESPACE, APP, Map.of("spec", Map.of("replicas", replicas)));
        }
        cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReply(201, request -> accessReview(request.getUtf8Body())).always();
        volsync = new SimulatedVolsync(client, clock);
        volsync.destinationPolicy(this::select);
        volsync.onRestoreFinished(this::restored);
        volsync.onMoverPod(this::serveMoverLog);
        for (var pvc : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            provision(pvc, Map.of(), "original");
        }
        for (var sts : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            desiredReplicas.put(key(sts.getMetadata().getNamespace(), sts.getMetadata().getName()),
                    sts.getSpec().getReplicas());
        }
        checkers = new SimulatedCheckers(cluster, this::content, catalog);
        drillClient = cluster.server().createClient();
        sandbox = new Fabric8SandboxActions(drillClient);
        podLogs = new Fabric8ClusterWriter(drillClient);
        reader = cluster.reader();
        writer = new Fabric8ClusterActions(cluster.server().createClient());
        step();
        step();   // the bootstrap RD's restore-once completes, as at bootstrap
        cluster.takeRequests();
    }

    public ClusterReader reader() {
        return reader;
    }

    public ClusterActions writer() {
        return writer;
    }

    /** One pass of every simulated controller. */
    public void step() {
        stepAttachments();
        stepKeda();
        stepProbes();
        stepFlux();
        stepWorkloads();
        stepSnapshots();
        volsync.step();
        checkers.step();
    }

    // ---- knobs

    /** {@code SelfSubjectAccessReview}s for {@code verb} on {@code resource} (plural, e.g. "statefulsets") answer no. */
    public void deny(String verb, String resource) {
        denied.add(verb + " " + resource);
    }

    /** From now on the restore movers fail (e.g. repository unreachable), forever, as Volsync retries them. */
    public void restoreMoversFail() {
        volsync.destinationPolicy(rd -> Optional.of(new SimulatedVolsync.Outcome.Fails()));
    }

    /** From now on the restore movers find nothing and report success ("No eligible snapshots found"). */
    public void restoreMoversFindNothing() {
        volsync.destinationPolicy(rd -> Optional.of(new SimulatedVolsync.Outcome.NothingToRestore()));
    }

    /** VolumeSnapshots never become ready. */
    public void snapshotsNeverReady() {
        snapshotsReady = false;
    }

    /** Pods of scaled-down workloads never terminate (e.g. stuck on a finalizer). */
    public void podsNeverTerminate() {
        podsTerminate = false;
    }

    /** The claims' StorageClass binds only once a pod using the claim is scheduled (volsync.md §4.2 step 1). */
    public void waitForFirstConsumer() {
        waitForFirstConsumer = true;
        client.storage().v1().storageClasses().withName(STORAGE_CLASS).edit(sc -> {
            sc.setVolumeBindingMode("WaitForFirstConsumer");
            return sc;
        });
    }

    /** Points the app's repository Secret at another repository (KOPIA_REPOSITORY and KOPIA_PASSWORD). */
    public void repository(String url, String password) {
        var secret = client.secrets().inNamespace(NAMESPACE).withName(APP + "-volsync-secret").get();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        secret.getData().put("KOPIA_REPOSITORY", b64.encodeToString(url.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        secret.getData().put("KOPIA_PASSWORD", b64.encodeToString(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        client.secrets().inNamespace(NAMESPACE).resource(secret).update();
        cluster.takeRequests();
    }

    /** Writes a kubeconfig whose current context talks to this mock API server (for in-process CLI tests). */
    public void writeKubeconfig(java.nio.file.Path file) throws java.io.IOException {
        String server = cluster.server().url("/").replaceAll("/$", "");
        java.nio.file.Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                    namespace: default
                current-context: mock
                users:
                - name: mock
                  user:
                    token: test-token
                """.formatted(server));
    }

    /** Sets the ReplicationSource's {@code kopia.username}/{@code kopia.hostname} overrides. */
    public void sourceIdentity(String username, String hostname) {
        patch(ResourceKind.REPLICATION_SOURCE, NAMESPACE, APP,
                Map.of("spec", Map.of("kopia", Map.of("username", username, "hostname", hostname))));
    }

    /** Sets {@code spec.suspend} of a Flux object ("Kustomization" or "HelmRelease"). */
    public void setSuspended(String kind, String namespace, String name, boolean value) {
        patch(flux(kind), namespace, name, Map.of("spec", Map.of("suspend", value)));
    }

    // ---- observations

    public int replicas(String namespace, String statefulSet) {
        return client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get().getSpec().getReplicas();
    }

    public boolean suspended(String kind, String namespace, String name) {
        Object spec = get(flux(kind), namespace, name).getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"));
    }

    public Optional<String> reconcileRequestedAt(String kind, String namespace, String name) {
        Map<String, String> annotations = get(flux(kind), namespace, name).getMetadata().getAnnotations();
        return Optional.ofNullable(annotations).map(a -> a.get("reconcile.fluxcd.io/requestedAt"));
    }

    public boolean sourcePaused(String namespace, String name) {
        Object spec = get(ResourceKind.REPLICATION_SOURCE, namespace, name).getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("paused"));
    }

    /** The RS's {@code spec.trigger}, as a map. */
    public Map<String, Object> sourceTrigger(String namespace, String name) {
        Object spec = get(ResourceKind.REPLICATION_SOURCE, namespace, name).getAdditionalProperties().get("spec");
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec instanceof Map<?, ?> m && m.get("trigger") instanceof Map<?, ?> t) {
            t.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    public List<String> replicationDestinations(String namespace) {
        return client.genericKubernetesResources(ResourceKind.REPLICATION_DESTINATION.context()).inNamespace(namespace)
                .list().getItems().stream().map(r -> r.getMetadata().getName()).sorted().toList();
    }

    public List<String> volumeSnapshots(String namespace) {
        return client.genericKubernetesResources(ResourceKind.VOLUME_SNAPSHOT.context()).inNamespace(namespace)
                .list().getItems().stream().map(r -> r.getMetadata().getName()).sorted().toList();
    }

    public List<String> pods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream().map(p -> p.getMetadata().getName())
                .sorted().toList();
    }

    public boolean configMapExists(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get() != null;
    }

    public Map<String, String> configMap(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get().getData();
    }

    public boolean leaseExists(String namespace, String name) {
        return client.leases().inNamespace(namespace).withName(name).get() != null;
    }

    /** What the claim's volume holds: "original", "snapshot:&lt;id&gt;", or "" (wiped). */
    public String content(String namespace, String claim) {
        return claimVolume(namespace, claim).map(pv -> contents.getOrDefault("pv/" + pv, "<no volume>"))
                .orElse("<no volume>");
    }

    /** The claim's bound PV, if any. */
    public Optional<String> claimVolume(String namespace, String claim) {
        var pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
        return Optional.ofNullable(pvc).map(c -> c.getSpec().getVolumeName()).filter(v -> !v.isEmpty());
    }

    /** A PV's reclaim policy and populated-from annotation: "Retain|ns/image". */
    public Optional<String> volume(String name) {
        var pv = client.persistentVolumes().withName(name).get();
        return Optional.ofNullable(pv).map(v -> v.getSpec().getPersistentVolumeReclaimPolicy() + "|"
                + (v.getMetadata().getAnnotations() == null ? ""
                : v.getMetadata().getAnnotations().getOrDefault("volsync.backube/populated-from", "")));
    }

    /** The bootstrap RD's {@code spec.kopia} and {@code spec.trigger}. */
    public Map<String, Object> destinationSpec(String namespace, String name) {
        Object spec = get(ResourceKind.REPLICATION_DESTINATION, namespace, name).getAdditionalProperties().get("spec");
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /** The claim's uid (a re-created claim has a new one). */
    public String claimUid(String namespace, String claim) {
        return client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get().getMetadata().getUid();
    }

    /** Drains the request record and returns the requests that could change something (not GET, not an access review). */
    public List<String> takeMutatingRequests() {
        return cluster.takeRequests().stream()
                .filter(r -> !r.startsWith("GET "))
                .filter(r -> !r.startsWith("POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews"))
                .toList();
    }

    public void clearRequests() {
        cluster.takeRequests();
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
        drillClient.close();
        cluster.close();
    }

    // ---- controllers

    private void stepFlux() {
        for (GenericKubernetesResource hr : client.genericKubernetesResources(ResourceKind.HELM_RELEASE.context())
                .inAnyNamespace().list().getItems()) {
            Object spec = hr.getAdditionalProperties().get("spec");
            if (spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"))) {
                continue;
            }
            String ns = hr.getMetadata().getNamespace();
            for (var sts : client.apps().statefulSets().inNamespace(ns).list().getItems()) {
                Map<String, String> labels = sts.getMetadata().getLabels();
                if (labels != null && hr.getMetadata().getName().equals(labels.get("helm.toolkit.fluxcd.io/name"))) {
                    Integer desired = desiredReplicas.get(key(ns, sts.getMetadata().getName()));
                    if (desired != null && !desired.equals(sts.getSpec().getReplicas())) {
                        patch(ResourceKind.STATEFUL_SET, ns, sts.getMetadata().getName(),
                                Map.of("spec", Map.of("replicas", desired)));   // Flux reverts the drift
                    }
                }
            }
        }
    }

    private void stepWorkloads() {
        for (var sts : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            reconcilePods(sts, sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas(),
                    sts.getSpec().getTemplate());
        }
        for (var d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            reconcilePods(d, d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
                    d.getSpec().getTemplate());
        }
    }

    private void reconcilePods(HasMetadata owner, int replicas, PodTemplateSpec template) {
        String ns = owner.getMetadata().getNamespace();
        String name = owner.getMetadata().getName();
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(ns).withLabel("rewind.test/owner", name).list()
                .getItems());
        pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (int i = pods.size(); i < replicas; i++) {
            PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
            client.pods().inNamespace(ns).resource(new PodBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(name + "-" + i).withNamespace(ns)
                            .withLabels(Map.of("rewind.test/owner", name)).build())
                    .withSpec(spec).build()).create();
        }
        if (podsTerminate) {
            for (int i = replicas; i < pods.size(); i++) {
                client.pods().inNamespace(ns).withName(pods.get(i).getMetadata().getName()).delete();
            }
        }
        int ready = (int) client.pods().inNamespace(ns).withLabel("rewind.test/owner", name).list().getItems()
                .stream().filter(p -> p.getSpec().getVolumes() == null || p.getSpec().getVolumes().stream()
                        .filter(v -> v.getPersistentVolumeClaim() != null)
                        .allMatch(v -> {
                            var c = client.persistentVolumeClaims().inNamespace(ns)
                                    .withName(v.getPersistentVolumeClaim().getClaimName()).get();
                            return c != null && c.getStatus() != null && "Bound".equals(c.getStatus().getPhase());
                        })).count();
        ready = Math.min(ready, replicas);
        ResourceKind kind = owner.getKind().equals("Deployment") ? ResourceKind.DEPLOYMENT : ResourceKind.STATEFUL_SET;
        GenericKubernetesResource object = get(kind, ns, name);
        Object status = object.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !Integer.valueOf(ready).equals(s.get("readyReplicas"))) {
            object.setAdditionalProperty("status", Map.of("replicas", replicas, "readyReplicas", ready));
            client.genericKubernetesResources(kind.context()).inNamespace(ns).resource(object).updateStatus();
        }
    }

    private void stepSnapshots() {
        for (GenericKubernetesResource snapshot : client.genericKubernetesResources(
                ResourceKind.VOLUME_SNAPSHOT.context()).inAnyNamespace().list().getItems()) {
            String ns = snapshot.getMetadata().getNamespace();
            String name = snapshot.getMetadata().getName();
            if (!contents.containsKey(key(ns, "snapshot/" + name))) {
                Object spec = snapshot.getAdditionalProperties().get("spec");
                Object source = spec instanceof Map<?, ?> m && m.get("source") instanceof Map<?, ?> src
                        ? src.get("persistentVolumeClaimName") : null;
                contents.put(key(ns, "snapshot/" + name), content(ns, String.valueOf(source)));
            }
            if (snapshotsReady && !(snapshot.getAdditionalProperties().get("status") instanceof Map<?, ?>)) {
                snapshot.setAdditionalProperty("status", Map.of("readyToUse", true,
                        "boundVolumeSnapshotContentName", "snapcontent-" + snapshot.getMetadata().getUid()));
                client.genericKubernetesResources(ResourceKind.VOLUME_SNAPSHOT.context()).inNamespace(ns)
                        .resource(snapshot).updateStatus();
            }
        }
        Set<String> liveUids = new HashSet<>();
        for (var pvc : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            liveUids.add(pvc.getMetadata().getUid());
            String ns = pvc.getMetadata().getNamespace();
            if (pvc.getStatus() != null && pvc.getStatus().getPhase() != null
                    && !pvc.getStatus().getPhase().equals("Pending")) {
                continue;
            }
            var ref = pvc.getSpec().getDataSourceRef();
            String volumeName = pvc.getSpec().getVolumeName();
            if (volumeName != null && !volumeName.isEmpty()) {
                rebind(pvc, volumeName);
            } else if (ref != null && "VolumeSnapshot".equals(ref.getKind())) {
                provision(pvc, Map.of(), contents.getOrDefault(key(ns, "snapshot/" + ref.getName()), ""));
            } else if (ref != null && "ReplicationDestination".equals(ref.getKind())) {
                populate(pvc, ref.getName());
            } else {
                provision(pvc, Map.of(), "");
            }
        }
        for (var pv : client.persistentVolumes().list().getItems()) {
            var ref = pv.getSpec().getClaimRef();
            boolean claimed = ref != null && ref.getUid() != null && liveUids.contains(ref.getUid());
            if (!claimed && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
                client.persistentVolumes().withName(pv.getMetadata().getName()).delete();   // data gone
                contents.remove("pv/" + pv.getMetadata().getName());
            }
        }
    }

    /** The volume populator (volsync.md §4.2): WFFC waits for a consumer, then the RD's latestImage is used. */
    private void populate(io.fabric8.kubernetes.api.model.PersistentVolumeClaim pvc, String rdName) {
        String ns = pvc.getMetadata().getNamespace();
        String name = pvc.getMetadata().getName();
        if (pvc.getStatus() == null || pvc.getStatus().getPhase() == null) {
            pvc.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Pending")
                    .build());
            client.persistentVolumeClaims().inNamespace(ns).resource(pvc).updateStatus();
        }
        if (waitForFirstConsumer && client.pods().inNamespace(ns).list().getItems().stream()
                .noneMatch(p -> p.getSpec().getVolumes() != null && p.getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getPersistentVolumeClaim() != null
                                && name.equals(v.getPersistentVolumeClaim().getClaimName())))) {
            return;   // Pending until the scheduler picks a node for a consumer
        }
        GenericKubernetesResource rd = get(ResourceKind.REPLICATION_DESTINATION, ns, rdName);
        Object status = rd == null ? null : rd.getAdditionalProperties().get("status");
        Object image = status instanceof Map<?, ?> st && st.get("latestImage") instanceof Map<?, ?> li
                && "VolumeSnapshot".equals(li.get("kind")) ? li.get("name") : null;
        if (image == null) {
            return;   // VolSyncPopulatorReplicationDestinationNoLatestImage: wait
        }
        provision(client.persistentVolumeClaims().inNamespace(ns).withName(name).get(),
                Map.of("volsync.backube/populated-from", ns + "/" + image),
                contents.getOrDefault(key(ns, "snapshot/" + image), ""));
    }

    private void provision(io.fabric8.kubernetes.api.model.PersistentVolumeClaim pvc, Map<String, String> annotations,
                           String content) {
        String ns = pvc.getMetadata().getNamespace();
        String pv = "pv-" + pvc.getMetadata().getUid();
        contents.put("pv/" + pv, content);
        client.persistentVolumes().resource(new io.fabric8.kubernetes.api.model.PersistentVolumeBuilder()
                .withNewMetadata().withName(pv).withAnnotations(annotations).endMetadata()
                .withNewSpec().withPersistentVolumeReclaimPolicy("Delete")
                .withNewClaimRef().withNamespace(ns).withName(pvc.getMetadata().getName())
                .withUid(pvc.getMetadata().getUid()).endClaimRef().endSpec()
                .withNewStatus().withPhase("Bound").endStatus().build()).create();
        rebind(pvc, pv);
    }

    private void rebind(io.fabric8.kubernetes.api.model.PersistentVolumeClaim pvc, String pv) {
        String ns = pvc.getMetadata().getNamespace();
        String name = pvc.getMetadata().getName();
        var volume = client.persistentVolumes().withName(pv).get();
        volume.getSpec().setClaimRef(new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder().withNamespace(ns)
                .withName(name).withUid(pvc.getMetadata().getUid()).build());
        client.persistentVolumes().resource(volume).update();
        var fresh = client.persistentVolumeClaims().inNamespace(ns).withName(name).get();
        fresh.getSpec().setVolumeName(pv);
        fresh = client.persistentVolumeClaims().inNamespace(ns).resource(fresh).update();
        fresh.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                .build());
        client.persistentVolumeClaims().inNamespace(ns).resource(fresh).updateStatus();
    }

    /** The fork's selection (volsync.md §2.3, §2.4), written independently of rewind's. */
    private Optional<SimulatedVolsync.Outcome> select(GenericKubernetesResource rd) {
        KopiaIdentity identity = CustomResourceMapper.replicationDestination(rd).identity(Optional.empty());
        Map<?, ?> kopia = (Map<?, ?>) ((Map<?, ?>) rd.getAdditionalProperties().get("spec")).get("kopia");
        List<SnapshotManifest> newestFirst = new ArrayList<>(catalog.snapshots(
                new SourceInfo(identity.username(), identity.hostname(), identity.path())));
        newestFirst.sort(Comparator.comparing(SnapshotManifest::startAt).reversed());
        Object asOf = kopia.get("restoreAsOf");
        int previous = kopia.get("previous") instanceof Number n ? n.intValue() : 0;
        List<SnapshotManifest> eligible = asOf == null ? newestFirst : newestFirst.stream()
                .filter(s -> s.startTimeText().compareTo(asOf.toString()) <= 0).toList();
        return Optional.of(previous < eligible.size()
                ? new SimulatedVolsync.Outcome.Restores(eligible.get(previous).id().toString())
                : new SimulatedVolsync.Outcome.NothingToRestore());
    }

    private void restored(GenericKubernetesResource rd, SimulatedVolsync.Outcome outcome) {
        Map<?, ?> kopia = (Map<?, ?>) ((Map<?, ?>) rd.getAdditionalProperties().get("spec")).get("kopia");
        Object claim = kopia.get("destinationPVC");
        if (claim == null) {
            Object status = rd.getAdditionalProperties().get("status");
            if (status instanceof Map<?, ?> st && st.get("latestImage") instanceof Map<?, ?> li
                    && "VolumeSnapshot".equals(li.get("kind"))) {
                String ns = rd.getMetadata().getNamespace();
                String image = String.valueOf(li.get("name"));
                contents.put(key(ns, "snapshot/" + image), outcome instanceof SimulatedVolsync.Outcome.Restores r
                        ? "snapshot:" + r.snapshotId() : "");
                GenericKubernetesResource snapshot = new GenericKubernetesResource();
                snapshot.setApiVersion("snapshot.storage.k8s.io/v1");
                snapshot.setKind("VolumeSnapshot");
                snapshot.setMetadata(new ObjectMetaBuilder().withName(image).withNamespace(ns).build());
                snapshot.setAdditionalProperty("spec", Map.of("source", Map.of("persistentVolumeClaimName",
                        "volsync-" + rd.getMetadata().getName() + "-dest")));
                client.genericKubernetesResources(ResourceKind.VOLUME_SNAPSHOT.context()).inNamespace(ns)
                        .resource(snapshot).create();
            }
            return;
        }
        Optional<String> volume = claimVolume(rd.getMetadata().getNamespace(), claim.toString());
        if (volume.isEmpty()) {
            return;
        }
        String key = "pv/" + volume.get();
        boolean wipes = Boolean.TRUE.equals(kopia.get("enableFileDeletion"));
        switch (outcome) {
            case SimulatedVolsync.Outcome.Restores r -> contents.put(key, restoredContent.orElse("snapshot:"
                    + r.snapshotId()));
            case SimulatedVolsync.Outcome.NothingToRestore n -> {
                if (wipes) {
                    contents.put(key, "");
                }
            }
            case SimulatedVolsync.Outcome.CreatesRepository c -> {
                if (wipes) {
                    contents.put(key, "");
                }
            }
            case SimulatedVolsync.Outcome.Succeeds s -> { }
            case SimulatedVolsync.Outcome.Fails f -> { }
            case SimulatedVolsync.Outcome.Hangs h -> { }
        }
    }

    private Object accessReview(String body) {
        JsonNode attributes = JSON.readTree(body).path("spec").path("resourceAttributes");
        boolean allowed = !denied.contains(attributes.path("verb").asString() + " "
                + attributes.path("resource").asString());
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.put("kind", "SelfSubjectAccessReview");
        review.put("metadata", Map.of());
        review.put("spec", Map.of("resourceAttributes", JSON.convertValue(attributes, Map.class)));
        review.put("status", Map.of("allowed", allowed));
        return review;
    }

    private static ResourceKind flux(String kind) {
        return kind.equals("Kustomization") ? ResourceKind.KUSTOMIZATION : ResourceKind.HELM_RELEASE;
    }

    private GenericKubernetesResource get(ResourceKind kind, String namespace, String name) {
        return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
    }

    private void patch(ResourceKind kind, String namespace, String name, Map<String, Object> patch) {
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                .patch(MERGE, client.getKubernetesSerialization().asJson(patch));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    // ---- surroundings of the app (restore PREFLIGHT, QUIESCE, POST_VERIFY): appended for the restore safeguards

    /** The claims' StorageClass and the RS/RD's VolumeSnapshotClass (component defaults). */
    public static final String STORAGE_CLASS = "ceph-rbd";
    public static final String SNAPSHOT_CLASS = "csi-ceph-rbd";
    static final String VOLSYNC_NAMESPACE = "volsync-system";
    private static final io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext SNAPSHOT_CLASSES =
            new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder()
                    .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
                    .withPlural("volumesnapshotclasses").withName("volumesnapshotclasses.snapshot.storage.k8s.io")
                    .withScope("Cluster").build();
    private final Set<String> registeredLogs = ConcurrentHashMap.newKeySet();
    private boolean volumesDetach = true;
    private long fileDrift;
    private java.util.function.BiFunction<String, String, java.util.OptionalLong> fileCounter =
            (snapshotId, path) -> java.util.OptionalLong.empty();
    private Fabric8RestoreEnvironment environment;
    private Fabric8ClusterWriter moverLogs;

    /** The restore's environment port over this cluster. */
    public dev.rewind.app.RestoreEnvironment environment() {
        if (environment == null) {
            environment = new Fabric8RestoreEnvironment(client);
        }
        return environment;
    }

    /** Mover (and probe) pod logs over this cluster. */
    public dev.rewind.app.MoverLogs moverLogs() {
        if (moverLogs == null) {
            moverLogs = new Fabric8ClusterWriter(client);
        }
        return moverLogs;
    }

    /** The Volsync controller Deployment loses its ready replicas (scaled to 0). */
    public void volsyncControllerDown() {
        client.apps().deployments().inNamespace(VOLSYNC_NAMESPACE).withName("volsync").scale(0);
        step();
    }

    /** The Volsync controller Deployment does not exist. */
    public void volsyncControllerMissing() {
        client.apps().deployments().inNamespace(VOLSYNC_NAMESPACE).withName("volsync").delete();
    }

    /** Listing Deployments in all namespaces is forbidden (RBAC): the controller is not visible. */
    public void deploymentsNotListable() {
        cluster.server().expect().get().withPath("/apis/apps/v1/deployments")
                .andReturn(403, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason",
                        "Forbidden", "code", 403, "message", "deployments.apps is forbidden")).always();
    }

    /** The claims' StorageClass is deleted. */
    public void storageClassMissing() {
        client.storage().v1().storageClasses().withName(STORAGE_CLASS).delete();
    }

    /** The VolumeSnapshotClass the RS and RD name is deleted. */
    public void snapshotClassMissing() {
        client.genericKubernetesResources(SNAPSHOT_CLASSES).withName(SNAPSHOT_CLASS).delete();
    }

    /** Sets the app claim's {@code spec.resources.requests.storage}. */
    public void claimStorage(String quantity) {
        patch(ResourceKind.PERSISTENT_VOLUME_CLAIM, NAMESPACE, APP, Map.of("spec", Map.of("resources",
                Map.of("requests", Map.of("storage", quantity)))));
        cluster.takeRequests();
    }

    /** Sets (or, empty, removes) the bootstrap RD's {@code spec.kopia.capacity}. */
    public void destinationCapacity(Optional<String> quantity) {
        Map<String, Object> kopia = new HashMap<>();
        kopia.put("capacity", quantity.orElse(null));
        patch(ResourceKind.REPLICATION_DESTINATION, NAMESPACE, APP + "-dst", Map.of("spec", Map.of("kopia", kopia)));
        cluster.takeRequests();
    }

    /** Sets the app's StatefulSet (and Flux's desired) replica count. */
    public void workloadReplicas(int replicas) {
        patch(ResourceKind.STATEFUL_SET, NAMESPACE, APP, Map.of("spec", Map.of("replicas", replicas)));
        desiredReplicas.put(key(NAMESPACE, APP), replicas);
        step();
        cluster.takeRequests();
    }

    /** The attach/detach controller never detaches the volumes (e.g. a stuck CSI node plugin). */
    public void volumesNeverDetach() {
        volumesDetach = false;
    }

    /** The VolumeAttachments that reference a PV. */
    public List<String> attachments(String persistentVolume) {
        return client.storage().v1().volumeAttachments().list().getItems().stream()
                .filter(a -> persistentVolume.equals(a.getSpec().getSource().getPersistentVolumeName()))
                .map(a -> a.getMetadata().getName()).sorted().toList();
    }

    /** A KEDA ScaledObject targeting the app's StatefulSet, optionally already paused at some count. */
    public void scaledObject(String name, Optional<String> pausedReplicas) {
        GenericKubernetesResource so = new GenericKubernetesResource();
        so.setApiVersion("keda.sh/v1alpha1");
        so.setKind("ScaledObject");
        so.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
                .withAnnotations(pausedReplicas.map(v -> Map.of(dev.rewind.app.RestoreEnvironment.KEDA_PAUSED_REPLICAS,
                        v)).orElse(Map.of())).build());
        so.setAdditionalProperty("spec", Map.of("scaleTargetRef", Map.of("kind", "StatefulSet", "name", APP),
                "minReplicaCount", 0));
        client.genericKubernetesResources(ResourceKind.SCALED_OBJECT.context()).inNamespace(NAMESPACE).resource(so)
                .create();
        cluster.takeRequests();
    }

    /** The ScaledObject's paused-replicas annotation. */
    public Optional<String> pausedReplicas(String name) {
        Map<String, String> annotations = get(ResourceKind.SCALED_OBJECT, NAMESPACE, name).getMetadata()
                .getAnnotations();
        return Optional.ofNullable(annotations).map(a -> a.get(dev.rewind.app.RestoreEnvironment.KEDA_PAUSED_REPLICAS));
    }

    /** An {@code autoscaling/v2} HPA targeting the app's StatefulSet. */
    public void horizontalPodAutoscaler(String name, int minReplicas) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).resource(
                new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
                        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                        .withNewSpec().withMinReplicas(minReplicas).withMaxReplicas(5)
                        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("StatefulSet").withName(APP)
                        .endScaleTargetRef().endSpec().build()).create();
        cluster.takeRequests();
    }

    /**
     * How the counting pods of {@code --verify} count: files under a path of a snapshot's tree (empty when the
     * path is not a directory). A volume restored from snapshot {@code id} is counted with {@code (id, path)}.
     */
    public void fileCounter(java.util.function.BiFunction<String, String, java.util.OptionalLong> counter) {
        this.fileCounter = Objects.requireNonNull(counter, "counter");
    }

    /** The application changed the file count of its volume by {@code delta} after it started. */
    public void filesDrift(long delta) {
        this.fileDrift = delta;
    }

    /** Restore mover Jobs run {@code steps} extra steps; their pod log grows meanwhile. */
    public void moverSteps(int steps) {
        volsync.moverSteps(steps);
    }

    /** {@code latestMoverStatus.logs} keeps only the last two lines (the 1 KiB tail cut off the rest). */
    public void moverStatusTailOnly() {
        volsync.statusTailOnly();
    }

    /** From now on the restore movers cannot connect, create a new empty repository and report success. */
    public void restoreMoversCreateRepository() {
        volsync.destinationPolicy(rd -> Optional.of(new SimulatedVolsync.Outcome.CreatesRepository()));
    }

    private void surroundings() {
        client.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
                .withNewMetadata().withName(STORAGE_CLASS).endMetadata().withProvisioner("rook-ceph.rbd.csi.ceph.com")
                .withVolumeBindingMode("Immediate").withReclaimPolicy("Delete").build()).create();
        cluster.server().expectCustomResource(SNAPSHOT_CLASSES);
        GenericKubernetesResource snapshotClass = new GenericKubernetesResource();
        snapshotClass.setApiVersion("snapshot.storage.k8s.io/v1");
        snapshotClass.setKind("VolumeSnapshotClass");
        snapshotClass.setMetadata(new ObjectMetaBuilder().withName(SNAPSHOT_CLASS).build());
        snapshotClass.setAdditionalProperty("driver", "rook-ceph.rbd.csi.ceph.com");
        snapshotClass.setAdditionalProperty("deletionPolicy", "Delete");
        client.genericKubernetesResources(SNAPSHOT_CLASSES).resource(snapshotClass).create();
        client.apps().deployments().inNamespace(VOLSYNC_NAMESPACE).resource(
                new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                        .withNewMetadata().withName("volsync").withNamespace(VOLSYNC_NAMESPACE)
                        .withLabels(Map.of("app.kubernetes.io/name", "volsync")).endMetadata()
                        .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer()
                        .withName("manager").withImage("ghcr.io/perfectra1n/volsync:v0.17.11").endContainer()
                        .endSpec().endTemplate().endSpec().build()).create();
    }

    /** The attach/detach controller: a PV is attached while a pod uses its claim, detached one step after. */
    private void stepAttachments() {
        Set<String> inUse = new HashSet<>();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
                continue;
            }
            for (var v : pod.getSpec().getVolumes()) {
                if (v.getPersistentVolumeClaim() != null) {
                    claimVolume(pod.getMetadata().getNamespace(), v.getPersistentVolumeClaim().getClaimName())
                            .ifPresent(inUse::add);
                }
            }
        }
        Set<String> attached = new HashSet<>();
        for (var a : client.storage().v1().volumeAttachments().list().getItems()) {
            String pv = a.getSpec().getSource().getPersistentVolumeName();
            attached.add(pv);
            if (!inUse.contains(pv) && volumesDetach) {
                client.storage().v1().volumeAttachments().withName(a.getMetadata().getName()).delete();
            }
        }
        for (String pv : inUse) {
            if (!attached.contains(pv)) {
                client.storage().v1().volumeAttachments().resource(
                        new io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder()
                                .withNewMetadata().withName("csi-" + pv).endMetadata()
                                .withNewSpec().withAttacher("rook-ceph.rbd.csi.ceph.com").withNodeName("node-1")
                                .withNewSource().withPersistentVolumeName(pv).endSource().endSpec()
                                .withNewStatus().withAttached(true).endStatus().build()).create();
            }
        }
    }

    /** KEDA: holds a paused target at its paused-replicas; otherwise activates a target at 0 (triggers active). */
    private void stepKeda() {
        for (GenericKubernetesResource so : client.genericKubernetesResources(ResourceKind.SCALED_OBJECT.context())
                .inAnyNamespace().list().getItems()) {
            String ns = so.getMetadata().getNamespace();
            Object spec = so.getAdditionalProperties().get("spec");
            Object target = spec instanceof Map<?, ?> m && m.get("scaleTargetRef") instanceof Map<?, ?> t
                    ? t.get("name") : null;
            var sts = target == null ? null
                    : client.apps().statefulSets().inNamespace(ns).withName(target.toString()).get();
            if (sts == null) {
                continue;
            }
            Map<String, String> annotations = so.getMetadata().getAnnotations();
            String paused = annotations == null ? null
                    : annotations.get(dev.rewind.app.RestoreEnvironment.KEDA_PAUSED_REPLICAS);
            int current = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
            int wanted = paused != null ? Integer.parseInt(paused) : current == 0 ? 1 : current;
            if (wanted != current) {
                patch(ResourceKind.STATEFUL_SET, ns, target.toString(), Map.of("spec", Map.of("replicas", wanted)));
            }
        }
    }

    /** The counting pods of {@code --verify}: answer {@code rewind-files <n>} for what the claim's volume holds. */
    private void stepProbes() {
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            if (pod.getMetadata().getLabels() == null || !pod.getMetadata().getLabels()
                    .containsKey("rewind.dev/restore") || pod.getStatus() != null && pod.getStatus().getPhase() != null) {
                continue;
            }
            String ns = pod.getMetadata().getNamespace();
            var container = pod.getSpec().getContainers().getFirst();
            List<String> command = container.getCommand();
            String dir = command.getLast();
            String path = dir.equals("/data") ? "" : dir.substring("/data/".length());
            String claim = pod.getSpec().getVolumes().getFirst().getPersistentVolumeClaim().getClaimName();
            String content = content(ns, claim);
            java.util.OptionalLong count = content.startsWith("snapshot:")
                    ? fileCounter.apply(content.substring("snapshot:".length()), path)
                    : content.isEmpty() && path.isEmpty() ? java.util.OptionalLong.of(0) : java.util.OptionalLong.empty();
            String log = count.isPresent() ? "rewind-files " + (count.getAsLong() + fileDrift) + "\n" : "";
            cluster.server().expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod.getMetadata().getName()
                    + "/log?pretty=false&container=" + container.getName()).andReturn(200, log).always();
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase(count.isPresent() ? "Succeeded" : "Failed").build());
            client.pods().inNamespace(ns).resource(pod).updateStatus();
        }
    }

    /** Reading the mover pods' logs is forbidden (no RBAC on {@code pods/log}). */
    public void moverLogsForbidden() {
        moverLogsForbidden = true;
    }

    private boolean moverLogsForbidden;

    private void serveMoverLog(String namespace, String pod) {
        if (moverLogsForbidden && registeredLogs.add(namespace + "/" + pod)) {
            cluster.server().expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod
                    + "/log?pretty=false&container=kopia").andReturn(403, Map.of("kind", "Status", "apiVersion", "v1",
                    "status", "Failure", "reason", "Forbidden", "code", 403, "message", "pods/log is forbidden"))
                    .always();
            return;
        }
        if (registeredLogs.add(namespace + "/" + pod)) {
            cluster.server().expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod
                    + "/log?pretty=false&container=kopia").andReply(200, request -> volsync.podLog(namespace, pod))
                    .always();
        }
    }

    /** The claim's {@code spec.dataSourceRef} as "Kind/name" (empty without one). */
    public String claimDataSourceRef(String namespace, String claim) {
        var ref = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get().getSpec()
                .getDataSourceRef();
        return ref == null ? "" : ref.getKind() + "/" + ref.getName();
    }

    /** The claim's annotations. */
    public Map<String, String> claimAnnotations(String namespace, String claim) {
        Map<String, String> annotations = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get()
                .getMetadata().getAnnotations();
        return annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    // ---- restore drills (sandbox namespace, checker pods)

    /** From now on the restore movers never finish (the trigger stays pending: "RD never syncs"). */
    public void restoreMoversHang() {
        volsync.destinationPolicy(rd -> Optional.of(new SimulatedVolsync.Outcome.Hangs()));
    }

    /**
     * From now on a Direct restore that selects a snapshot leaves {@code content} on the volume instead of it (the
     * mover's log still names the selected snapshot): "" for a restore that wrote nothing, {@code snapshot:<id>} for
     * another snapshot's data.
     */
    public void restoresWrite(String content) {
        restoredContent = Optional.of(content);
    }

    /** The checker pods of restore drills: their fault knobs. */
    public SimulatedCheckers checkers() {
        return checkers;
    }

    /** A client of the mock API server, for observations the other accessors do not cover. */
    public KubernetesClient client() {
        return client;
    }

    /** The sandbox adapter (namespaces, Secret copies, pod states), over a separate client of this server. */
    public dev.rewind.app.SandboxActions sandbox() {
        return sandbox;
    }

    /** The mover-log adapter over that client (reads pod logs, e.g. of checker pods). */
    public dev.rewind.app.MoverLogs podLogs() {
        return podLogs;
    }

    /** DELETE of the object at this API path (e.g. {@code /api/v1/namespaces/ns/secrets/name}) answers 403. */
    public void forbidDelete(String path) {
        cluster.server().expect().delete().withPath(path)
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403)
                        .withReason("Forbidden").withStatus("Failure").withMessage("forbidden by the test").build())
                .always();
    }

    // ---- appended for the whole-app restore tests

    /** The mock API server under this simulation (to add objects and further simulated controllers). */
    public MockCluster mockCluster() {
        return cluster;
    }

    /** Every object a drill could leave in {@code namespace} ("Kind/name"): pods, claims, Secrets, RDs, Jobs. */
    public List<String> objectsIn(String namespace) {
        return java.util.stream.Stream.of(
                client.pods().inNamespace(namespace).list().getItems().stream()
                        .map(p -> "Pod/" + p.getMetadata().getName()),
                client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                        .map(p -> "PersistentVolumeClaim/" + p.getMetadata().getName()),
                client.secrets().inNamespace(namespace).list().getItems().stream()
                        .map(p -> "Secret/" + p.getMetadata().getName()),
                replicationDestinations(namespace).stream().map(n -> "ReplicationDestination/" + n),
                client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                        .map(j -> "Job/" + j.getMetadata().getName()))
                .flatMap(s -> s).toList();
    }
}
