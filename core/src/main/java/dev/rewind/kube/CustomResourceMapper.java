package dev.rewind.kube;

import dev.rewind.cluster.Condition;
import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.TypedObjectRef;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.BackupMethod;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterStatus;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.PluginConfiguration;
import dev.rewind.cnpg.RecoveryWindow;
import dev.rewind.cnpg.S3Credentials;
import dev.rewind.cnpg.ScheduledBackup;
import dev.rewind.cnpg.SecretKeyRef;
import dev.rewind.volsync.CopyMethod;
import dev.rewind.volsync.DiscoveredIdentity;
import dev.rewind.volsync.GoDuration;
import dev.rewind.volsync.KopiaDestinationSpec;
import dev.rewind.volsync.KopiaMaintenance;
import dev.rewind.volsync.KopiaSourceSpec;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.MoverSecurityContext;
import dev.rewind.volsync.MoverStatus;
import dev.rewind.volsync.MoverVolume;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationDestinationStatus;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.ReplicationSourceStatus;
import dev.rewind.volsync.Retain;
import dev.rewind.volsync.SourceIdentity;
import dev.rewind.volsync.Trigger;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps untyped custom resources to the domain records (field meanings: volsync.md §1, cnpg-barman.md §1). */
final class CustomResourceMapper {
    private CustomResourceMapper() {
    }

    private static ObjectTree root(GenericKubernetesResource r, ResourceKind kind) {
        ObjectMeta meta = r.getMetadata();
        return new ObjectTree(r.getAdditionalProperties(), kind.kind() + " " + meta.getNamespace() + "/" + meta.getName());
    }

    private static Map<String, String> labels(GenericKubernetesResource r) {
        Map<String, String> labels = r.getMetadata().getLabels();
        return labels == null ? Map.of() : new HashMap<>(labels);
    }

    static List<Condition> conditions(ObjectTree status) {
        return status.children("conditions").stream()
                .filter(c -> c.string("type").isPresent())
                .map(c -> new Condition(c.string("type").get(), c.string("status").orElse("Unknown"),
                        c.string("reason").orElse(""), c.string("message").orElse(""),
                        c.instant("lastTransitionTime")))
                .toList();
    }

    private static Trigger trigger(ObjectTree spec) {
        ObjectTree t = spec.child("trigger");
        return new Trigger(t.string("schedule"), t.string("manual"));
    }

    private static Optional<MoverSecurityContext> securityContext(ObjectTree kopia) {
        if (!kopia.has("moverSecurityContext")) {
            return Optional.empty();
        }
        ObjectTree sc = kopia.child("moverSecurityContext");
        return Optional.of(new MoverSecurityContext(sc.longValue("runAsUser"), sc.longValue("runAsGroup"),
                sc.longValue("fsGroup"), sc.optionalBool("runAsNonRoot")));
    }

    private static Optional<MoverStatus> moverStatus(ObjectTree status) {
        ObjectTree m = status.child("latestMoverStatus");
        return m.string("result").map(r -> {
            try {
                return new MoverStatus(MoverResult.parse(r), m.string("logs").orElse(""));
            } catch (IllegalArgumentException e) {
                throw new MalformedObjectException(status.describe() + " has an unknown latestMoverStatus.result '" + r + "'");
            }
        });
    }

    private static Optional<Duration> duration(ObjectTree tree, String key) {
        return tree.string(key).map(s -> {
            try {
                return GoDuration.parse(s);
            } catch (IllegalArgumentException e) {
                throw new MalformedObjectException(tree.describe() + " field " + key + " is not a duration: '" + s + "'");
            }
        });
    }

    private static CopyMethod copyMethod(ObjectTree kopia) {
        String value = kopia.string("copyMethod").orElse("Direct");
        try {
            return CopyMethod.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedObjectException(kopia.describe() + " has an unknown kopia.copyMethod '" + value + "'");
        }
    }

    static ReplicationSource replicationSource(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.REPLICATION_SOURCE);
        ObjectTree spec = root.child("spec");
        ObjectTree kopia = spec.child("kopia");
        if (!spec.has("kopia")) {
            throw new MalformedObjectException(root.describe() + " does not use the Kopia mover (no spec.kopia)");
        }
        ObjectTree retain = kopia.child("retain");
        List<MoverVolume> moverVolumes = kopia.children("moverVolumes").stream().map(v -> {
            ObjectTree src = v.child("volumeSource");
            MoverVolume.Type type = src.has("persistentVolumeClaim") ? MoverVolume.Type.PERSISTENT_VOLUME_CLAIM
                    : src.has("nfs") ? MoverVolume.Type.NFS
                    : src.has("secret") ? MoverVolume.Type.SECRET : MoverVolume.Type.OTHER;
            return new MoverVolume(v.string("mountPath").orElse(""), type,
                    src.child("persistentVolumeClaim").string("claimName"));
        }).toList();
        KopiaSourceSpec kopiaSpec = new KopiaSourceSpec(
                kopia.requiredString("repository"), copyMethod(kopia), kopia.string("capacity"),
                kopia.string("storageClassName"), kopia.strings("accessModes"),
                kopia.string("volumeSnapshotClassName"), kopia.string("cacheCapacity"),
                kopia.string("cacheStorageClassName"), kopia.strings("cacheAccessModes"),
                kopia.string("compression"), kopia.integer("parallelism"),
                new Retain(retain.integer("hourly"), retain.integer("daily"), retain.integer("weekly"),
                        retain.integer("monthly"), retain.integer("yearly"), retain.integer("latest")),
                kopia.string("username"), kopia.string("hostname"), kopia.string("sourcePathOverride"),
                securityContext(kopia), kopia.string("moverServiceAccount"), moverVolumes);
        ObjectTree status = root.child("status");
        ReplicationSourceStatus st = new ReplicationSourceStatus(status.instant("lastSyncTime"),
                status.instant("lastSyncStartTime"), duration(status, "lastSyncDuration"),
                status.instant("nextSyncTime"), status.string("lastManualSync"), moverStatus(status),
                conditions(status));
        return new ReplicationSource(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                spec.requiredString("sourcePVC"), trigger(spec), spec.bool("paused", false), kopiaSpec, labels(r), st);
    }

    static ReplicationDestination replicationDestination(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.REPLICATION_DESTINATION);
        ObjectTree spec = root.child("spec");
        if (!spec.has("kopia")) {
            throw new MalformedObjectException(root.describe() + " does not use the Kopia mover (no spec.kopia)");
        }
        ObjectTree kopia = spec.child("kopia");
        Optional<SourceIdentity> sourceIdentity = Optional.empty();
        if (kopia.has("sourceIdentity")) {
            ObjectTree si = kopia.child("sourceIdentity");
            sourceIdentity = si.string("sourceName").map(name -> new SourceIdentity(name,
                    si.string("sourceNamespace"), si.string("sourcePVCName"), si.string("sourcePathOverride")));
        }
        KopiaDestinationSpec kopiaSpec = new KopiaDestinationSpec(kopia.string("repository"), copyMethod(kopia),
                kopia.string("capacity"), kopia.string("storageClassName"), kopia.strings("accessModes"),
                kopia.string("volumeSnapshotClassName"), kopia.string("destinationPVC"),
                kopia.string("cacheCapacity"), kopia.string("cacheStorageClassName"),
                kopia.strings("cacheAccessModes"), kopia.bool("cleanupTempPVC", false),
                kopia.bool("cleanupCachePVC", false), kopia.bool("enableFileDeletion", false),
                kopia.string("restoreAsOf"), kopia.integer("previous"), kopia.integer("shallow"), sourceIdentity,
                kopia.string("username"), kopia.string("hostname"), securityContext(kopia));
        ObjectTree status = root.child("status");
        ObjectTree image = status.child("latestImage");
        Optional<TypedObjectRef> latestImage = image.string("name")
                .map(name -> new TypedObjectRef(image.string("apiGroup"), image.string("kind").orElse(""), name));
        ReplicationDestinationStatus st = new ReplicationDestinationStatus(status.instant("lastSyncTime"),
                status.instant("lastSyncStartTime"), duration(status, "lastSyncDuration"),
                status.instant("nextSyncTime"), status.string("lastManualSync"), moverStatus(status), latestImage,
                conditions(status), status.child("kopia").string("requestedIdentity"),
                status.child("kopia").integer("snapshotsFound"),
                status.child("kopia").children("availableIdentities").stream()
                        .filter(i -> i.string("identity").isPresent())
                        .map(i -> new DiscoveredIdentity(i.string("identity").get(),
                                i.integer("snapshotCount").orElse(0), i.instant("latestSnapshot")))
                        .toList());
        return new ReplicationDestination(r.getMetadata().getName(), r.getMetadata().getNamespace(), trigger(spec),
                spec.bool("paused", false), kopiaSpec, labels(r), st);
    }

    static KopiaMaintenance kopiaMaintenance(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.KOPIA_MAINTENANCE);
        ObjectTree spec = root.child("spec");
        ObjectTree status = root.child("status");
        return new KopiaMaintenance(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                spec.child("repository").requiredString("repository"), trigger(spec), spec.string("schedule"),
                spec.bool("enabled", true), spec.bool("suspend", false), status.instant("lastMaintenanceTime"),
                status.instant("nextScheduledMaintenance"), status.integer("maintenanceFailures"),
                status.string("lastManualSync"), conditions(status));
    }

    static FluxKustomization kustomization(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.KUSTOMIZATION);
        return new FluxKustomization(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                root.child("spec").bool("suspend", false), labels(r), conditions(root.child("status")));
    }

    static FluxHelmRelease helmRelease(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.HELM_RELEASE);
        return new FluxHelmRelease(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                root.child("spec").bool("suspend", false), labels(r), conditions(root.child("status")));
    }

    static Cluster postgresCluster(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.POSTGRES_CLUSTER);
        ObjectTree spec = root.child("spec");
        List<PluginConfiguration> plugins = spec.children("plugins").stream()
                .map(p -> new PluginConfiguration(p.requiredString("name"), p.bool("enabled", true),
                        p.bool("isWALArchiver", false), p.stringMap("parameters")))
                .toList();
        ObjectTree status = root.child("status");
        ClusterStatus st = new ClusterStatus(status.string("phase"), status.string("currentPrimary"),
                status.instant("firstRecoverabilityPoint"), status.instant("lastSuccessfulBackup"),
                conditions(status));
        return new Cluster(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                spec.integer("instances").orElse(1), plugins, labels(r), st);
    }

    private static BackupMethod backupMethod(ObjectTree spec) {
        String value = spec.string("method").orElse("barmanObjectStore");
        try {
            return BackupMethod.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedObjectException(spec.describe() + " has an unknown spec.method '" + value + "'");
        }
    }

    static Backup postgresBackup(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.POSTGRES_BACKUP);
        ObjectTree spec = root.child("spec");
        ObjectTree status = root.child("status");
        return new Backup(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                spec.child("cluster").requiredString("name"), backupMethod(spec),
                spec.child("pluginConfiguration").string("name"), status.string("phase"), status.string("backupId"),
                status.instant("startedAt"), status.instant("stoppedAt"), status.string("error"));
    }

    static ScheduledBackup scheduledBackup(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.SCHEDULED_BACKUP);
        ObjectTree spec = root.child("spec");
        ObjectTree status = root.child("status");
        return new ScheduledBackup(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                spec.child("cluster").requiredString("name"), spec.requiredString("schedule"),
                spec.bool("immediate", false), spec.bool("suspend", false),
                spec.string("backupOwnerReference").orElse("none"), backupMethod(spec),
                spec.child("pluginConfiguration").string("name"), status.instant("lastScheduleTime"),
                status.instant("nextScheduleTime"));
    }

    private static Optional<SecretKeyRef> keyRef(ObjectTree parent, String key) {
        ObjectTree ref = parent.child(key);
        return ref.string("name").flatMap(name -> ref.string("key").map(k -> new SecretKeyRef(name, k)));
    }

    static ObjectStore objectStore(GenericKubernetesResource r) {
        ObjectTree root = root(r, ResourceKind.OBJECT_STORE);
        ObjectTree spec = root.child("spec");
        ObjectTree conf = spec.child("configuration");
        ObjectTree s3 = conf.child("s3Credentials");
        S3Credentials credentials = new S3Credentials(keyRef(s3, "accessKeyId"), keyRef(s3, "secretAccessKey"),
                keyRef(s3, "region"), keyRef(s3, "sessionToken"), s3.bool("inheritFromIAMRole", false));
        Map<String, RecoveryWindow> windows = new HashMap<>();
        root.child("status").childMap("serverRecoveryWindow").forEach((server, w) -> windows.put(server,
                new RecoveryWindow(w.instant("firstRecoverabilityPoint"), w.instant("lastSuccessfulBackupTime"),
                        w.instant("lastFailedBackupTime"))));
        return new ObjectStore(r.getMetadata().getName(), r.getMetadata().getNamespace(),
                conf.requiredString("destinationPath"), conf.string("endpointURL"), credentials,
                conf.child("wal").string("compression"), conf.child("data").string("compression"),
                spec.string("retentionPolicy"), windows);
    }
}
