package dev.rewind.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Kubernetes kinds rewind reads or patches, with what error messages need to name them. */
enum ResourceKind {
    REPLICATION_SOURCE("volsync.backube", "v1alpha1", "ReplicationSource", "replicationsources", "Volsync"),
    REPLICATION_DESTINATION("volsync.backube", "v1alpha1", "ReplicationDestination", "replicationdestinations", "Volsync"),
    KOPIA_MAINTENANCE("volsync.backube", "v1alpha1", "KopiaMaintenance", "kopiamaintenances", "Volsync (perfectra1n fork)"),
    KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", "Flux"),
    HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases", "Flux"),
    POSTGRES_CLUSTER("postgresql.cnpg.io", "v1", "Cluster", "clusters", "CloudNativePG"),
    POSTGRES_BACKUP("postgresql.cnpg.io", "v1", "Backup", "backups", "CloudNativePG"),
    SCHEDULED_BACKUP("postgresql.cnpg.io", "v1", "ScheduledBackup", "scheduledbackups", "CloudNativePG"),
    OBJECT_STORE("barmancloud.cnpg.io", "v1", "ObjectStore", "objectstores", "the Barman Cloud plugin"),
    VOLUME_SNAPSHOT("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots", "the CSI external-snapshotter"),
    PERSISTENT_VOLUME_CLAIM("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", null),
    DEPLOYMENT("apps", "v1", "Deployment", "deployments", null),
    STATEFUL_SET("apps", "v1", "StatefulSet", "statefulsets", null),
    SECRET("", "v1", "Secret", "secrets", null),
    POD("", "v1", "Pod", "pods", null),
    /** The log subresource of a pod, as RBAC names it. */
    POD_LOG("", "v1", "Pod", "pods/log", null),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps", null),
    VOLUME_ATTACHMENT("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", null),
    STORAGE_CLASS("storage.k8s.io", "v1", "StorageClass", "storageclasses", null),
    /** Cluster-scoped CRD of the external-snapshotter; addressed with its own context (see Fabric8RestoreEnvironment). */
    VOLUME_SNAPSHOT_CLASS("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses", null),
    HORIZONTAL_POD_AUTOSCALER("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", null),
    SCALED_OBJECT("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects", "KEDA"),
    NAMESPACE("", "v1", "Namespace", "namespaces", null);

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final String product;

    ResourceKind(String group, String version, String kind, String plural, String product) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.product = product;
    }

    boolean isCustom() {
        return product != null;
    }

    /** What installs the CRD, e.g. {@code Volsync}. */
    String product() {
        return product;
    }

    String kind() {
        return kind;
    }

    String group() {
        return group;
    }

    String version() {
        return version;
    }

    String plural() {
        return plural;
    }

    /** {@code plural.group} as RBAC and CRDs name it, e.g. {@code replicationsources.volsync.backube}. */
    String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
