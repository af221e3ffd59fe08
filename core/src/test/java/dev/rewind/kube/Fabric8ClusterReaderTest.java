package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.app.SecretData;
import dev.rewind.cluster.FluxKind;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.TypedObjectRef;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.BackupMethod;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.PluginConfiguration;
import dev.rewind.cnpg.ScheduledBackup;
import dev.rewind.cnpg.SecretKeyRef;
import dev.rewind.volsync.CopyMethod;
import dev.rewind.volsync.KopiaMaintenance;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.TriggerMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mapping of the reference cluster's objects, served by fabric8's mock API server in CRUD mode. */
class Fabric8ClusterReaderTest {
    private MockCluster cluster;
    private Fabric8ClusterReader reader;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        ReferenceCluster reference = new ReferenceCluster(cluster);
        reference.paperlessNgx();
        reference.postgresCluster();
        reader = cluster.reader();
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    @Test
    void replicationSourceSpecMatchesTheComponentAfterSubstitution() {
        ReplicationSource rs = only(reader.listReplicationSources(NamespaceScope.of("default")));

        assertThat(rs.name()).isEqualTo("paperless-ngx");
        assertThat(rs.namespace()).isEqualTo("default");
        assertThat(rs.sourcePvc()).isEqualTo("paperless-ngx");
        assertThat(rs.trigger().schedule()).contains("20 * * * *");
        assertThat(rs.trigger().mode()).isEqualTo(TriggerMode.SCHEDULE);
        assertThat(rs.paused()).isFalse();
        var kopia = rs.kopia();
        assertThat(kopia.repository()).isEqualTo("paperless-ngx-volsync-secret");
        assertThat(kopia.copyMethod()).isEqualTo(CopyMethod.SNAPSHOT);
        assertThat(kopia.compression()).contains("zstd-fastest");
        assertThat(kopia.parallelism()).isEqualTo(OptionalInt.of(2));
        assertThat(kopia.retain().hourly()).isEqualTo(OptionalInt.of(24));
        assertThat(kopia.retain().daily()).isEqualTo(OptionalInt.of(7));
        assertThat(kopia.retain().weekly()).isEmpty();
        assertThat(kopia.cacheCapacity()).contains("100Gi");
        assertThat(kopia.cacheStorageClassName()).contains("openebs-hostpath");
        assertThat(kopia.cacheAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(kopia.accessModes()).containsExactly("ReadWriteOnce");
        assertThat(kopia.storageClassName()).contains("ceph-rbd");
        assertThat(kopia.volumeSnapshotClassName()).contains("csi-ceph-rbd");
        assertThat(kopia.moverSecurityContext()).hasValueSatisfying(sc -> {
            assertThat(sc.runAsUser()).isEqualTo(OptionalLong.of(1000));
            assertThat(sc.runAsGroup()).isEqualTo(OptionalLong.of(1000));
            assertThat(sc.fsGroup()).isEqualTo(OptionalLong.of(1000));
        });
        assertThat(kopia.username()).isEmpty();
        assertThat(kopia.hostname()).isEmpty();
        assertThat(kopia.sourcePathOverride()).isEmpty();
        assertThat(rs.identity()).hasToString("paperless-ngx@default:/data");
        assertThat(rs.fluxOwners()).containsExactly(
                new FluxOwnerRef(FluxKind.KUSTOMIZATION, "paperless-ngx", "flux-system"));
    }

    @Test
    void replicationSourceStatusIsMapped() {
        cluster.setStatus(ResourceKind.REPLICATION_SOURCE, "default", "paperless-ngx", Map.of(
                "lastSyncTime", "2026-11-30T15:26:44Z",
                "lastSyncDuration", "6m44.667488732s",
                "nextSyncTime", "2026-11-30T16:20:00Z",
                "lastManualSync", "rewind-1",
                "latestMoverStatus", Map.of("result", "Successful", "logs", "Snapshot created"),
                "conditions", List.of(Map.of("type", "Synchronizing", "status", "False",
                        "reason", "WaitingForSchedule", "message", "Waiting for next scheduled synchronization",
                        "lastTransitionTime", "2026-11-30T15:26:44Z"))));

        var status = only(reader.listReplicationSources(NamespaceScope.of("default"))).status();

        assertThat(status.lastSyncAt()).contains(Instant.parse("2026-11-30T15:26:44Z"));
        assertThat(status.lastSyncDuration()).contains(Duration.ofMinutes(6).plusNanos(44_667_488_732L));
        assertThat(status.nextSyncAt()).contains(Instant.parse("2026-11-30T16:20:00Z"));
        assertThat(status.lastManualSync()).contains("rewind-1");
        assertThat(status.latestMoverStatus()).hasValueSatisfying(m -> {
            assertThat(m.result()).isEqualTo(MoverResult.SUCCESSFUL);
            assertThat(m.logs()).isEqualTo("Snapshot created");
        });
        assertThat(status.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("Synchronizing");
            assertThat(c.isTrue()).isFalse();
            assertThat(c.reason()).isEqualTo("WaitingForSchedule");
        });
        assertThat(status.syncInProgress()).isFalse();
    }

    @Test
    void replicationDestinationIsTheBootstrapRestoreOnce() {
        ReplicationDestination rd = only(reader.listReplicationDestinations(NamespaceScope.of("default")));

        assertThat(rd.name()).isEqualTo("paperless-ngx-dst");
        assertThat(rd.trigger().manual()).contains("restore-once");
        assertThat(rd.trigger().mode()).isEqualTo(TriggerMode.MANUAL);
        var kopia = rd.kopia();
        assertThat(kopia.copyMethod()).isEqualTo(CopyMethod.SNAPSHOT);
        assertThat(kopia.capacity()).contains("100Gi");
        assertThat(kopia.cleanupTempPvc()).isTrue();
        assertThat(kopia.cleanupCachePvc()).isTrue();
        assertThat(kopia.enableFileDeletion()).isTrue();
        assertThat(kopia.repository()).contains("paperless-ngx-volsync-secret");
        assertThat(kopia.sourceIdentity()).hasValueSatisfying(si -> {
            assertThat(si.sourceName()).isEqualTo("paperless-ngx");
            assertThat(si.sourceNamespace()).isEmpty();
        });
        assertThat(kopia.restoreAsOf()).isEmpty();
        assertThat(kopia.previous()).isEmpty();
        assertThat(kopia.destinationPvc()).isEmpty();
        assertThat(rd.labels()).containsEntry("kustomize.toolkit.fluxcd.io/ssa", "IfNotPresent");
        assertThat(rd.identity(Optional.empty())).hasToString("paperless-ngx@default:/data");
    }

    @Test
    void replicationDestinationStatusCarriesLatestImage() {
        cluster.setStatus(ResourceKind.REPLICATION_DESTINATION, "default", "paperless-ngx-dst", Map.of(
                "lastManualSync", "restore-once",
                "latestImage", Map.of("apiGroup", "snapshot.storage.k8s.io", "kind", "VolumeSnapshot",
                        "name", "volsync-paperless-ngx-dst-dest-20261130152644"),
                "latestMoverStatus", Map.of("result", "Failed", "logs", "ERROR: connect failed"),
                "kopia", Map.of("requestedIdentity", "paperless-ngx@default", "snapshotsFound", 0,
                        "availableIdentities", List.of(Map.of("identity", "paperless-ngx-default@default-paperless-ngx",
                                "snapshotCount", 12, "latestSnapshot", "2025-08-01T10:00:00Z")))));

        var status = only(reader.listReplicationDestinations(NamespaceScope.all())).status();

        assertThat(status.lastManualSync()).contains("restore-once");
        assertThat(status.latestImage()).contains(new TypedObjectRef(Optional.of("snapshot.storage.k8s.io"),
                "VolumeSnapshot", "volsync-paperless-ngx-dst-dest-20261130152644"));
        assertThat(status.latestMoverStatus()).map(m -> m.result()).contains(MoverResult.FAILED);
        assertThat(status.requestedIdentity()).contains("paperless-ngx@default");
        assertThat(status.snapshotsFound()).isEqualTo(OptionalInt.of(0));
        assertThat(status.availableIdentities()).singleElement().satisfies(i -> {
            assertThat(i.identity()).isEqualTo("paperless-ngx-default@default-paperless-ngx");
            assertThat(i.snapshotCount()).isEqualTo(12);
            assertThat(i.latestSnapshotAt()).contains(Instant.parse("2025-08-01T10:00:00Z"));
        });
    }

    @Test
    void pvcCarriesDataSourceRefToTheDestination() {
        PersistentVolumeClaim pvc = only(reader.listPersistentVolumeClaims(NamespaceScope.of("default")));

        assertThat(pvc.name()).isEqualTo("paperless-ngx");
        assertThat(pvc.requestedStorage()).contains("100Gi");
        assertThat(pvc.storageClassName()).contains("ceph-rbd");
        assertThat(pvc.accessModes()).containsExactly("ReadWriteOnce");
        assertThat(pvc.dataSourceRef()).hasValueSatisfying(ref ->
                assertThat(ref.isReplicationDestination("paperless-ngx-dst")).isTrue());
        assertThat(pvc.fluxOwners()).extracting(FluxOwnerRef::name).containsExactly("paperless-ngx");
    }

    @Test
    void workloadsListClaimsReplicasAndHelmOwner() {
        Workload sts = only(reader.listWorkloads(NamespaceScope.of("default")));

        assertThat(sts.kind()).isEqualTo(WorkloadKind.STATEFUL_SET);
        assertThat(sts.replicas()).isEqualTo(1);
        assertThat(sts.claimNames()).containsExactly("paperless-ngx");
        assertThat(sts.fluxOwners()).containsExactly(
                new FluxOwnerRef(FluxKind.HELM_RELEASE, "paperless-ngx", "default"));
    }

    @Test
    void fluxObjectsAreMapped() {
        assertThat(reader.listKustomizations(NamespaceScope.of("flux-system")))
                .extracting(k -> k.name()).containsExactlyInAnyOrder("paperless-ngx", "postgres-cluster");
        assertThat(only(reader.listHelmReleases(NamespaceScope.of("default")))).satisfies(hr -> {
            assertThat(hr.name()).isEqualTo("paperless-ngx");
            assertThat(hr.suspended()).isFalse();
            assertThat(FluxOwnerRef.fromLabels(hr.labels())).containsExactly(
                    new FluxOwnerRef(FluxKind.KUSTOMIZATION, "paperless-ngx", "flux-system"));
        });
    }

    @Test
    void secretIsDecodedAndItsToStringHidesValues() {
        SecretData secret = reader.findSecret("default", "paperless-ngx-volsync-secret").orElseThrow();

        assertThat(secret.data()).containsEntry("KOPIA_REPOSITORY", "filesystem:///repository")
                .containsEntry("KOPIA_FS_PATH", "/repository")
                .containsEntry("KOPIA_PASSWORD", "test-only-kopia-password");
        assertThat(secret.toString()).contains("KOPIA_PASSWORD").doesNotContain("test-only-kopia-password");
        assertThat(reader.findSecret("default", "no-such-secret")).isEmpty();
    }

    @Test
    void cnpgClusterPluginAndObjectStoreAreMapped() {
        NamespaceScope ns = NamespaceScope.of("postgresql-system");
        cluster.setStatus(ResourceKind.POSTGRES_CLUSTER, "postgresql-system", "postgres", Map.of(
                "phase", "Cluster in healthy state",
                "currentPrimary", "postgres-1",
                "conditions", List.of(Map.of("type", "ContinuousArchiving", "status", "True",
                        "reason", "ContinuousArchivingSuccess", "message", "",
                        "lastTransitionTime", "2026-11-30T10:00:00Z"))));
        cluster.setStatus(ResourceKind.OBJECT_STORE, "postgresql-system", "postgres-s3-backup", Map.of(
                "serverRecoveryWindow", Map.of("postgres", Map.of(
                        "firstRecoverabilityPoint", "2026-11-01T00:05:12Z",
                        "lastSuccessfulBackupTime", "2026-11-30T00:04:58Z"))));

        Cluster pg = only(reader.listPostgresClusters(ns));
        assertThat(pg.instances()).isEqualTo(3);
        assertThat(pg.barmanCloudPlugin()).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo(PluginConfiguration.BARMAN_CLOUD);
            assertThat(p.walArchiver()).isTrue();
            assertThat(p.barmanObjectName()).contains("postgres-s3-backup");
        });
        assertThat(pg.serverName()).isEqualTo("postgres");
        assertThat(pg.objectStoreName()).contains("postgres-s3-backup");
        assertThat(pg.status().phase()).contains("Cluster in healthy state");
        assertThat(pg.status().continuousArchiving()).hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
        assertThat(pg.status().firstRecoverabilityPointAt()).isEmpty();

        ObjectStore store = only(reader.listObjectStores(ns));
        assertThat(store.destinationPath()).isEqualTo("s3://postgres-backups");
        assertThat(store.endpointUrl()).contains("http://garage.storage:3900");
        assertThat(store.s3Credentials().accessKeyId())
                .contains(new SecretKeyRef("postgres-backup-credentials", "ACCESS_KEY_ID"));
        assertThat(store.s3Credentials().secretAccessKey())
                .contains(new SecretKeyRef("postgres-backup-credentials", "SECRET_ACCESS_KEY"));
        assertThat(store.walCompression()).contains("gzip");
        assertThat(store.dataCompression()).contains("bzip2");
        assertThat(store.retentionPolicy()).isEmpty();
        assertThat(store.recoveryWindows().get("postgres").firstRecoverabilityPointAt())
                .contains(Instant.parse("2026-11-01T00:05:12Z"));

        ScheduledBackup scheduled = only(reader.listScheduledBackups(ns));
        assertThat(scheduled.schedule()).isEqualTo("@daily");
        assertThat(scheduled.immediate()).isTrue();
        assertThat(scheduled.backupOwnerReference()).isEqualTo("self");
        assertThat(scheduled.method()).isEqualTo(BackupMethod.PLUGIN);
        assertThat(scheduled.pluginName()).contains(PluginConfiguration.BARMAN_CLOUD);
        assertThat(scheduled.clusterName()).isEqualTo("postgres");

        Backup backup = only(reader.listPostgresBackups(ns));
        assertThat(backup.clusterName()).isEqualTo("postgres");
        assertThat(backup.method()).isEqualTo(BackupMethod.PLUGIN);
        assertThat(backup.phase()).isEmpty();

        assertThat(reader.listReplicationSources(ns)).extracting(ReplicationSource::name)
                .containsExactlyInAnyOrder("postgres-1", "postgres-2", "postgres-3");
        assertThat(reader.listReplicationSources(ns)).allSatisfy(rs -> {
            assertThat(rs.trigger().schedule()).contains("0 */6 * * *");
            assertThat(rs.kopia().retain().monthly()).isEqualTo(OptionalInt.of(12));
        });
    }

    @Test
    void kopiaMaintenanceIsMapped() {
        cluster.apply("""
                apiVersion: volsync.backube/v1alpha1
                kind: KopiaMaintenance
                metadata:
                  name: daily
                spec:
                  repository:
                    repository: kopia-maintenance-secret
                  trigger:
                    schedule: "0 */2 * * *"
                """, "volsync-system", Map.of());
        cluster.setStatus(ResourceKind.KOPIA_MAINTENANCE, "volsync-system", "daily", Map.of(
                "maintenanceFailures", 5,
                "lastMaintenanceTime", "2026-11-30T14:00:00Z",
                "conditions", List.of(Map.of("type", "MaintenanceHealthy", "status", "False",
                        "reason", "ExcessiveFailures", "message", "5 consecutive failures"))));

        KopiaMaintenance km = only(reader.listKopiaMaintenances(NamespaceScope.all()));

        assertThat(km.repository()).isEqualTo("kopia-maintenance-secret");
        assertThat(km.effectiveSchedule()).contains("0 */2 * * *");
        assertThat(km.enabled()).isTrue();
        assertThat(km.maintenanceFailures()).isEqualTo(OptionalInt.of(5));
        assertThat(km.lastMaintenanceAt()).contains(Instant.parse("2026-11-30T14:00:00Z"));
        assertThat(km.unhealthy()).isTrue();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
