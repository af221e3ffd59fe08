package dev.rewind.kube;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.ClaimState;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.LeaseRecord;
import dev.rewind.app.ObjectManifest;
import dev.rewind.app.SnapshotReadiness;
import dev.rewind.app.VolumeState;
import dev.rewind.cluster.FluxKind;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.ReplicationDestination;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ClusterActions} over the fabric8 Kubernetes client (8.x). Updates are JSON merge patches (JSON patches where
 * a field must be removed) sent with field manager {@value ClusterActions#FIELD_MANAGER}; creations are plain
 * POSTs preceded by a GET, so that an existing object is left alone. Custom resources are addressed with explicit
 * group/version/plural (no discovery requests).
 *
 * <p>Failures: 401/403 → UNAVAILABLE naming verb and resource with an RBAC hint; 409 → CONFLICT; 404 on a patch →
 * NOT_FOUND; unreachable/5xx → UNAVAILABLE; an interrupted call → INTERRUPTED. Thread-safe (the client is).
 */
public final class Fabric8ClusterActions implements ClusterActions, AutoCloseable {
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(FIELD_MANAGER).build();
    private static final PatchContext JSON_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON)
            .withFieldManager(FIELD_MANAGER).build();
    private static final ResourceDefinitionContext ACCESS_REVIEW = new ResourceDefinitionContext.Builder()
            .withGroup("authorization.k8s.io").withVersion("v1").withKind("SelfSubjectAccessReview")
            .withPlural("selfsubjectaccessreviews").withNamespaced(false).build();

    private final KubernetesClient client;

    /** Wraps a client the caller built; the writer closes it on {@link #close()}. */
    public Fabric8ClusterActions(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public boolean isAllowed(AccessRequest request) {
        GenericKubernetesResource review = new GenericKubernetesResource();
        review.setApiVersion("authorization.k8s.io/v1");
        review.setKind("SelfSubjectAccessReview");
        review.setMetadata(new ObjectMetaBuilder().build());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("namespace", request.namespace());
        attributes.put("verb", request.verb());
        attributes.put("group", request.group());
        attributes.put("resource", request.resource());
        review.setAdditionalProperty("spec", Map.of("resourceAttributes", attributes));
        GenericKubernetesResource answer = call("create", "selfsubjectaccessreviews.authorization.k8s.io",
                request.namespace(), () -> client.genericKubernetesResources(ACCESS_REVIEW).resource(review).create());
        Object status = answer == null ? null : answer.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("allowed"));
    }

    @Override
    public void setSuspended(FluxOwnerRef owner, boolean suspended) {
        patch(fluxKind(owner), owner.namespace(), owner.name(), Map.of("spec", Map.of("suspend", suspended)));
    }

    @Override
    public Optional<Boolean> findSuspended(FluxOwnerRef owner) {
        return find(fluxKind(owner), owner.namespace(), owner.name())
                .map(r -> r.getAdditionalProperties().get("spec"))
                .map(spec -> spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend")));
    }

    @Override
    public void requestReconcile(FluxOwnerRef owner, Instant at) {
        patch(fluxKind(owner), owner.namespace(), owner.name(), Map.of("metadata", Map.of("annotations",
                Map.of("reconcile.fluxcd.io/requestedAt", at.toString()))));
    }

    @Override
    public void setReplicationSourcePaused(String namespace, String name, boolean paused) {
        patch(ResourceKind.REPLICATION_SOURCE, namespace, name, Map.of("spec", Map.of("paused", paused)));
    }

    @Override
    public void scale(Workload workload, int replicas) {
        ResourceKind kind = workload.kind() == WorkloadKind.DEPLOYMENT ? ResourceKind.DEPLOYMENT
                : ResourceKind.STATEFUL_SET;
        patch(kind, workload.namespace(), workload.name(), Map.of("spec", Map.of("replicas", replicas)));
    }

    @Override
    public int readyReplicas(Workload workload) {
        ResourceKind kind = workload.kind() == WorkloadKind.DEPLOYMENT ? ResourceKind.DEPLOYMENT
                : ResourceKind.STATEFUL_SET;
        return find(kind, workload.namespace(), workload.name())
                .map(r -> r.getAdditionalProperties().get("status"))
                .map(s -> s instanceof Map<?, ?> m && m.get("readyReplicas") instanceof Number n ? n.intValue() : 0)
                .orElse(0);
    }

    @Override
    public List<String> podsMounting(String namespace, String claimName) {
        List<Pod> pods = call("list", "pods", namespace, () -> client.pods().inNamespace(namespace).list().getItems());
        return pods.stream().filter(p -> mounts(p, claimName)).map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static boolean mounts(Pod pod, String claimName) {
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return false;
        }
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() != null && claimName.equals(v.getPersistentVolumeClaim().getClaimName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void ensureCreated(ObjectManifest manifest) {
        ResourceKind kind = kind(manifest.apiVersion(), manifest.kind());
        if (find(kind, manifest.namespace(), manifest.name()).isPresent()) {
            return;
        }
        GenericKubernetesResource object = client.getKubernetesSerialization()
                .convertValue(manifest.document(), GenericKubernetesResource.class);
        try {
            call("create", kind.resource(), manifest.namespace(), () -> client.genericKubernetesResources(kind.context())
                    .inNamespace(manifest.namespace()).resource(object).create());
        } catch (RewindException e) {
            if (e.reason() != Reason.CONFLICT) {   // created concurrently: ensured
                throw e;
            }
        }
    }

    @Override
    public void ensureDeleted(String apiVersion, String kind, String namespace, String name) {
        ResourceKind k = kind(apiVersion, kind);
        call("delete", k.resource(), namespace,
                () -> client.genericKubernetesResources(k.context()).inNamespace(namespace).withName(name).delete());
    }

    @Override
    public boolean exists(String apiVersion, String kind, String namespace, String name) {
        return find(kind(apiVersion, kind), namespace, name).isPresent();
    }

    @Override
    public void mergePatch(ObjectManifest patch) {
        patch(kind(patch.apiVersion(), patch.kind()), patch.namespace(), patch.name(), patch.document());
    }

    @Override
    public boolean removeField(String apiVersion, String kind, String namespace, String name, String jsonPointer) {
        ResourceKind k = kind(apiVersion, kind);
        Optional<GenericKubernetesResource> object = find(k, namespace, name);
        if (object.isEmpty()) {
            return false;
        }
        Object current = client.getKubernetesSerialization().convertValue(object.get(), Map.class);
        for (String part : jsonPointer.substring(1).split("/")) {
            current = current instanceof Map<?, ?> m ? m.get(part) : null;
        }
        if (current == null) {
            return false;
        }
        String body = client.getKubernetesSerialization().asJson(List.of(
                Map.of("op", "test", "path", jsonPointer, "value", current),
                Map.of("op", "remove", "path", jsonPointer)));
        call("patch", k.resource(), namespace, () -> client.genericKubernetesResources(k.context())
                .inNamespace(namespace).withName(name).patch(JSON_PATCH, body));
        return true;
    }

    @Override
    public Optional<VolumeState> findVolume(String name) {
        var pv = call("get", "persistentvolumes", "(cluster)", () -> client.persistentVolumes().withName(name).get());
        if (pv == null) {
            return Optional.empty();
        }
        var spec = pv.getSpec();
        return Optional.of(new VolumeState(name,
                Objects.requireNonNullElse(spec == null ? null : spec.getPersistentVolumeReclaimPolicy(), "Delete"),
                Optional.ofNullable(pv.getStatus()).map(s -> s.getPhase()),
                Optional.ofNullable(spec).map(s -> s.getClaimRef()).map(r -> r.getUid()),
                pv.getMetadata().getAnnotations() == null ? Map.of() : pv.getMetadata().getAnnotations()));
    }

    @Override
    public void setReclaimPolicy(String volumeName, String policy) {
        String body = client.getKubernetesSerialization().asJson(
                Map.of("spec", Map.of("persistentVolumeReclaimPolicy", policy)));
        call("patch", "persistentvolumes", "(cluster)",
                () -> client.persistentVolumes().withName(volumeName).patch(MERGE, body));
    }

    @Override
    public void releaseClaimRef(String volumeName) {
        String body = client.getKubernetesSerialization().asJson(
                Map.of("spec", Map.of("claimRef", Map.of("uid", "", "resourceVersion", ""))));
        call("patch", "persistentvolumes", "(cluster)",
                () -> client.persistentVolumes().withName(volumeName).patch(MERGE, body.replace("\"\"", "null")));
    }

    @Override
    public Optional<ReplicationDestination> findReplicationDestination(String namespace, String name) {
        return find(ResourceKind.REPLICATION_DESTINATION, namespace, name).map(r -> {
            try {
                return CustomResourceMapper.replicationDestination(r);
            } catch (MalformedObjectException e) {
                throw new RewindException(Reason.INVALID_INPUT, e.getMessage());
            }
        });
    }

    @Override
    public Optional<SnapshotReadiness> findVolumeSnapshot(String namespace, String name) {
        return find(ResourceKind.VOLUME_SNAPSHOT, namespace, name).map(r -> {
            Object status = r.getAdditionalProperties().get("status");
            if (!(status instanceof Map<?, ?> s)) {
                return new SnapshotReadiness(false, Optional.empty());
            }
            Optional<String> error = Optional.ofNullable(s.get("error")).filter(Map.class::isInstance)
                    .map(e -> ((Map<?, ?>) e).get("message")).map(String::valueOf);
            return new SnapshotReadiness(Boolean.TRUE.equals(s.get("readyToUse")), error);
        });
    }

    @Override
    public Optional<ClaimState> findClaim(String namespace, String name) {
        PersistentVolumeClaim pvc = call("get", "persistentvolumeclaims", namespace,
                () -> client.persistentVolumeClaims().inNamespace(namespace).withName(name).get());
        if (pvc == null) {
            return Optional.empty();
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (pvc.getMetadata().getLabels() != null && !pvc.getMetadata().getLabels().isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(pvc.getMetadata().getLabels()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = client.getKubernetesSerialization().convertValue(pvc.getSpec(), Map.class);
        spec = new LinkedHashMap<>(spec == null ? Map.of() : spec);
        spec.remove("volumeName");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", "v1");
        document.put("kind", "PersistentVolumeClaim");
        document.put("metadata", metadata);
        document.put("spec", spec);
        return Optional.of(new ClaimState(pvc.getMetadata().getUid() == null ? "" : pvc.getMetadata().getUid(),
                Optional.ofNullable(pvc.getStatus()).map(s -> s.getPhase()),
                Optional.ofNullable(pvc.getSpec()).map(s -> s.getVolumeName()).filter(v -> !v.isEmpty()),
                pvc.getMetadata().getDeletionTimestamp() != null,
                new ObjectManifest("v1", "PersistentVolumeClaim", namespace, name, document)));
    }

    @Override
    public Optional<Map<String, String>> findConfigMap(String namespace, String name) {
        ConfigMap map = call("get", "configmaps", namespace,
                () -> client.configMaps().inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(map).map(m -> m.getData() == null ? Map.of() : Map.copyOf(m.getData()));
    }

    @Override
    public void putConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        ConfigMap map = new ConfigMapBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build())
                .withData(data).build();
        call("update", "configmaps", namespace, () -> client.configMaps().inNamespace(namespace).resource(map)
                .createOr(existing -> existing.update()));
    }

    @Override
    public Optional<LeaseRecord> findLease(String namespace, String name) {
        Lease lease = call("get", "leases.coordination.k8s.io", namespace,
                () -> client.leases().inNamespace(namespace).withName(name).get());
        if (lease == null || lease.getSpec() == null) {
            return Optional.empty();
        }
        var spec = lease.getSpec();
        Instant renewed = spec.getRenewTime() != null ? spec.getRenewTime().toInstant()
                : spec.getAcquireTime() != null ? spec.getAcquireTime().toInstant() : Instant.EPOCH;
        return Optional.of(new LeaseRecord(namespace, name, Objects.requireNonNullElse(spec.getHolderIdentity(), ""),
                renewed, Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds()),
                Optional.ofNullable(lease.getMetadata().getResourceVersion())));
    }

    @Override
    public LeaseRecord writeLease(LeaseRecord record) {
        ZonedDateTime renewed = record.renewedAt().atZone(ZoneOffset.UTC);
        Lease lease = new LeaseBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(record.name()).withNamespace(record.namespace())
                        .withResourceVersion(record.resourceVersion().orElse(null))
                        .withLabels(Map.of("app.kubernetes.io/managed-by", "rewind")).build())
                .withNewSpec().withHolderIdentity(record.holder()).withRenewTime(renewed).withAcquireTime(renewed)
                .withLeaseDurationSeconds((int) record.duration().toSeconds()).endSpec()
                .build();
        Lease written = call(record.resourceVersion().isPresent() ? "update" : "create", "leases.coordination.k8s.io",
                record.namespace(), () -> record.resourceVersion().isPresent()
                        ? client.leases().inNamespace(record.namespace()).resource(lease).update()
                        : client.leases().inNamespace(record.namespace()).resource(lease).create());
        return new LeaseRecord(record.namespace(), record.name(), record.holder(), record.renewedAt(),
                record.duration(), Optional.ofNullable(written.getMetadata().getResourceVersion()));
    }

    @Override
    public void deleteLease(String namespace, String name) {
        call("delete", "leases.coordination.k8s.io", namespace,
                () -> client.leases().inNamespace(namespace).withName(name).delete());
    }

    // ---- plumbing

    private static ResourceKind fluxKind(FluxOwnerRef owner) {
        return owner.kind() == FluxKind.KUSTOMIZATION ? ResourceKind.KUSTOMIZATION : ResourceKind.HELM_RELEASE;
    }

    private static ResourceKind kind(String apiVersion, String kind) {
        for (ResourceKind k : ResourceKind.values()) {
            if (k.apiVersion().equals(apiVersion) && k.kind().equals(kind)) {
                return k;
            }
        }
        throw new RewindException(Reason.INTERNAL, "rewind does not write " + apiVersion + " " + kind + " objects");
    }

    private Optional<GenericKubernetesResource> find(ResourceKind kind, String namespace, String name) {
        return Optional.ofNullable(call("get", kind.resource(), namespace,
                () -> client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get()));
    }

    private void patch(ResourceKind kind, String namespace, String name, Map<String, Object> patch) {
        String body = client.getKubernetesSerialization().asJson(patch);
        GenericKubernetesResource result = call("patch", kind.resource(), namespace, () -> client
                .genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).patch(MERGE, body));
        if (result == null) {
            throw new RewindException(Reason.NOT_FOUND, kind.kind() + " " + namespace + "/" + name + " does not exist");
        }
    }

    <T> T call(String verb, String resource, String namespace, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw translate(e, verb, resource, namespace);
        }
    }

    private RewindException translate(KubernetesClientException e, String verb, String resource, String namespace) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InterruptedException || (t instanceof InterruptedIOException
                    && !(t instanceof java.net.SocketTimeoutException))) {
                Thread.currentThread().interrupt();
                return new RewindException(Reason.INTERRUPTED, "interrupted while waiting to " + verb + " "
                        + resource + " in namespace " + namespace, e);
            }
        }
        String what = verb + " " + resource + " in namespace " + namespace;
        return switch (e.getCode()) {
            case 401, 403 -> new RewindException(Reason.UNAVAILABLE, "forbidden: " + what,
                    "grant the identity RBAC permission to " + verb + " " + resource + " in that namespace; check with:"
                            + " kubectl auth can-i " + verb + " " + resource + " -n " + namespace, e);
            case 404 -> new RewindException(Reason.NOT_FOUND, "not found: " + what, null, e);
            case 409 -> new RewindException(Reason.CONFLICT, "conflict: " + what
                    + " (the object exists or changed concurrently)", null, e);
            default -> new RewindException(Reason.UNAVAILABLE, "the Kubernetes API server at " + client.getMasterUrl()
                    + " failed to " + what + " (HTTP " + e.getCode() + ")", "retry later", e);
        };
    }

    // ---- optimistic concurrency for a journal ConfigMap (appended)

    @Override
    public Optional<dev.rewind.app.VersionedConfigMap> findVersionedConfigMap(String namespace, String name) {
        ConfigMap map = call("get", "configmaps", namespace,
                () -> client.configMaps().inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(map).map(m -> new dev.rewind.app.VersionedConfigMap(m.getData() == null ? Map.of()
                : m.getData(), Objects.requireNonNullElse(m.getMetadata().getResourceVersion(), "")));
    }

    @Override
    public String writeConfigMap(String namespace, String name, Map<String, String> labels, Map<String, String> data,
                                 Optional<String> resourceVersion) {
        ConfigMap map = new ConfigMapBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
                        .withResourceVersion(resourceVersion.orElse(null)).build())
                .withData(data).build();
        ConfigMap written = call(resourceVersion.isPresent() ? "update" : "create", "configmaps", namespace,
                () -> resourceVersion.isPresent() ? client.configMaps().inNamespace(namespace).resource(map).update()
                        : client.configMaps().inNamespace(namespace).resource(map).create());
        return Objects.requireNonNullElse(written.getMetadata().getResourceVersion(), "");
    }
}
