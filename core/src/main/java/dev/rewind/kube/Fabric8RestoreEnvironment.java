package dev.rewind.kube;

import dev.rewind.app.Autoscaler;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ControllerAvailability;
import dev.rewind.app.RestoreEnvironment;
import dev.rewind.app.StorageClassInfo;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RestoreEnvironment} over the fabric8 client. Built-in kinds use the typed API; VolumeSnapshotClass and KEDA
 * ScaledObject are addressed as generic resources with explicit group/version/plural (no discovery). A missing KEDA
 * CRD (404 on the list) means "no ScaledObjects". Thread-safe (the client is).
 */
public final class Fabric8RestoreEnvironment implements RestoreEnvironment {
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(ClusterActions.FIELD_MANAGER).build();
    private static final ResourceDefinitionContext SNAPSHOT_CLASS = new ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withNamespaced(false).build();
    private static final NamespaceScope CLUSTER = new NamespaceScope.AllNamespaces();

    private final KubernetesClient client;
    private final ApiCall api;

    /** Uses (does not close) the caller's client. */
    public Fabric8RestoreEnvironment(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.api = new ApiCall(client);
    }

    @Override
    public List<String> attachmentsOf(String persistentVolume) {
        List<VolumeAttachment> all = api.call("list", ResourceKind.VOLUME_ATTACHMENT, CLUSTER,
                () -> client.storage().v1().volumeAttachments().list().getItems());
        return all.stream()
                .filter(a -> a.getSpec() != null && a.getSpec().getSource() != null
                        && persistentVolume.equals(a.getSpec().getSource().getPersistentVolumeName()))
                .map(a -> a.getMetadata().getName()).sorted().toList();
    }

    @Override
    public ControllerAvailability volsyncController() {
        List<Deployment> all;
        try {
            all = api.call("list", ResourceKind.DEPLOYMENT, CLUSTER,
                    () -> client.apps().deployments().inAnyNamespace().list().getItems());
        } catch (RewindException e) {
            if (e.reason() == Reason.UNAVAILABLE && e.getMessage().startsWith("forbidden")) {
                return new ControllerAvailability.NotVisible(e.getMessage());
            }
            throw e;
        }
        Optional<Deployment> volsync = all.stream()
                .filter(d -> "volsync".equals(label(d.getMetadata().getLabels(), "app.kubernetes.io/name"))
                        || "volsync".equals(d.getMetadata().getName()))
                .min(Comparator.comparing((Deployment d) -> d.getMetadata().getNamespace())
                        .thenComparing(d -> d.getMetadata().getName()));
        if (volsync.isEmpty()) {
            return new ControllerAvailability.Missing();
        }
        Deployment d = volsync.get();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0
                : d.getStatus().getReadyReplicas();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return ready > 0
                ? new ControllerAvailability.Ready(d.getMetadata().getNamespace(), d.getMetadata().getName(), ready)
                : new ControllerAvailability.NotReady(d.getMetadata().getNamespace(), d.getMetadata().getName(),
                desired);
    }

    @Override
    public Optional<StorageClassInfo> findStorageClass(String name) {
        var sc = api.call("get", ResourceKind.STORAGE_CLASS, CLUSTER,
                () -> client.storage().v1().storageClasses().withName(name).get());
        return Optional.ofNullable(sc).map(c -> new StorageClassInfo(name,
                Objects.requireNonNullElse(c.getProvisioner(), ""),
                Objects.requireNonNullElse(c.getVolumeBindingMode(), "Immediate")));
    }

    @Override
    public boolean volumeSnapshotClassExists(String name) {
        return api.call("get", ResourceKind.VOLUME_SNAPSHOT_CLASS, CLUSTER,
                () -> client.genericKubernetesResources(SNAPSHOT_CLASS).withName(name).get()) != null;
    }

    @Override
    public List<Autoscaler> autoscalersOf(String namespace, String kind, String name) {
        NamespaceScope scope = new NamespaceScope.Namespace(namespace);
        List<Autoscaler> out = new ArrayList<>();
        List<HorizontalPodAutoscaler> hpas = api.call("list", ResourceKind.HORIZONTAL_POD_AUTOSCALER, scope,
                () -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems());
        for (HorizontalPodAutoscaler hpa : hpas) {
            var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
            if (target != null && kind.equals(target.getKind()) && name.equals(target.getName())) {
                boolean keda = hpa.getMetadata().getOwnerReferences() != null && hpa.getMetadata()
                        .getOwnerReferences().stream().map(OwnerReference::getKind).anyMatch("ScaledObject"::equals);
                int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
                out.add(new Autoscaler.HorizontalPodAutoscaler(namespace, hpa.getMetadata().getName(), min, keda));
            }
        }
        List<GenericKubernetesResource> scaled;
        try {
            scaled = api.call("list", ResourceKind.SCALED_OBJECT, scope, () -> client
                    .genericKubernetesResources(ResourceKind.SCALED_OBJECT.context()).inNamespace(namespace).list()
                    .getItems());
        } catch (RewindException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return out;   // KEDA is not installed
            }
            throw e;
        }
        for (GenericKubernetesResource so : scaled) {
            Object spec = so.getAdditionalProperties().get("spec");
            Object target = spec instanceof Map<?, ?> m ? m.get("scaleTargetRef") : null;
            if (target instanceof Map<?, ?> t && name.equals(t.get("name"))
                    && kind.equals(Objects.requireNonNullElse(t.get("kind"), "Deployment"))) {
                out.add(new Autoscaler.ScaledObject(namespace, so.getMetadata().getName(), Optional.ofNullable(
                        label(so.getMetadata().getAnnotations(), KEDA_PAUSED_REPLICAS))));
            }
        }
        return out;
    }

    @Override
    public void setPausedReplicas(String namespace, String name, Optional<String> value) {
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(KEDA_PAUSED_REPLICAS, value.orElse(null));
        String body = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations",
                annotations)));
        GenericKubernetesResource result = api.call("patch", ResourceKind.SCALED_OBJECT,
                new NamespaceScope.Namespace(namespace), () -> client.genericKubernetesResources(
                        ResourceKind.SCALED_OBJECT.context()).inNamespace(namespace).withName(name).patch(MERGE, body));
        if (result == null) {
            throw new RewindException(Reason.NOT_FOUND, "ScaledObject " + namespace + "/" + name + " does not exist");
        }
    }

    @Override
    public Optional<String> findPausedReplicas(String namespace, String name) {
        GenericKubernetesResource so = api.call("get", ResourceKind.SCALED_OBJECT,
                new NamespaceScope.Namespace(namespace), () -> client.genericKubernetesResources(
                        ResourceKind.SCALED_OBJECT.context()).inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(so).map(s -> label(s.getMetadata().getAnnotations(), KEDA_PAUSED_REPLICAS));
    }

    @Override
    public Optional<String> findPodPhase(String namespace, String name) {
        Pod pod = api.call("get", ResourceKind.POD, new NamespaceScope.Namespace(namespace),
                () -> client.pods().inNamespace(namespace).withName(name).get());
        return Optional.ofNullable(pod).map(p -> p.getStatus() == null || p.getStatus().getPhase() == null
                ? "Pending" : p.getStatus().getPhase());
    }

    @Override
    public Optional<String> findNodeMounting(String namespace, String claimName) {
        List<Pod> pods = api.call("list", ResourceKind.POD, new NamespaceScope.Namespace(namespace),
                () -> client.pods().inNamespace(namespace).list().getItems());
        return pods.stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null
                        && p.getSpec().getVolumes() != null && p.getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getPersistentVolumeClaim() != null
                                && claimName.equals(v.getPersistentVolumeClaim().getClaimName())))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getSpec().getNodeName()).sorted().findFirst();
    }

    private static String label(Map<String, String> map, String key) {
        return map == null ? null : map.get(key);
    }
}
