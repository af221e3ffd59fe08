package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.backup.RepositoryOpener;
import dev.rewind.backup.VolsyncRepositoryOpener;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.status.AppFlag;
import dev.rewind.status.AppStatus;
import dev.rewind.status.PostgresStatus;
import dev.rewind.status.RestoreSelector;
import dev.rewind.status.SnapshotEvidence;
import dev.rewind.status.StatusPolicy;
import dev.rewind.status.StatusReport;
import dev.rewind.status.StatusService;
import dev.rewind.storage.BlobStoreFactory;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusService} over the reference cluster in the mock API server and a fixture Kopia repository that
 * plays {@code filesystem:///repository}; every other repository goes through the production opener. Issue
 * "Cluster model", items 4 and 7.
 */
class StatusServiceTest {
    private static final Instant T0 = VolsyncWorld.T0;
    private final VolsyncWorld world = new VolsyncWorld();
    private final AtomicInteger repositoryOpens = new AtomicInteger();
    private final RepositoryOpener production = new VolsyncRepositoryOpener(BlobStoreFactory.standard(world.clock));
    private final RepositoryOpener opener = app -> {
        repositoryOpens.incrementAndGet();
        return app.repositoryUrl().equals("filesystem:///repository") ? world.opener.open(app) : production.open(app);
    };
    private final StatusService status = new StatusService(world.reader, opener, world.clock, StatusPolicy.defaults());

    StatusServiceTest() {
        world.reference.paperlessNgx();
        world.reference.componentApp("grafana", "observability", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        world.reference.componentApp("immich", "media", ReferenceCluster.WorkloadShape.STATEFUL_SET, 1);
        world.reference.postgresCluster();
        world.snapshot("paperless-ngx@default:/data", T0.minus(Duration.ofMinutes(30)));
        world.snapshot("grafana@observability:/data", T0.minus(Duration.ofMinutes(150)));
        world.snapshot("grafana@observability:/data", T0.minus(Duration.ofMinutes(90)));
        // immich's repository is somewhere this machine cannot reach
        world.cluster.client().secrets().inNamespace("media").withName("immich-volsync-secret")
                .edit(s -> {
                    s.getData().put("KOPIA_REPOSITORY", Base64.getEncoder().encodeToString(
                            "filesystem:///nonexistent/immich-repository".getBytes(StandardCharsets.UTF_8)));
                    return s;
                });
        world.cluster.setStatus(ResourceKind.REPLICATION_SOURCE, "media", "immich", Map.of(
                "lastSyncTime", T0.minus(Duration.ofMinutes(40)).toString(),
                "latestMoverStatus", Map.of("result", "Failed", "logs", "ERROR: repository not found")));
        // leftovers of an interrupted restore and a manual backup
        patch(ResourceKind.REPLICATION_SOURCE, "default", "paperless-ngx",
                "{\"spec\":{\"trigger\":{\"manual\":\"backup-now\"}}}");
        patch(ResourceKind.REPLICATION_DESTINATION, "observability", "grafana-dst",
                "{\"spec\":{\"kopia\":{\"restoreAsOf\":\"2026-11-29T00:00:00Z\",\"previous\":1}}}");
        patch(ResourceKind.KUSTOMIZATION, ReferenceCluster.FLUX_NAMESPACE, "paperless-ngx",
                "{\"spec\":{\"suspend\":true}}");
        world.cluster.setStatus(ResourceKind.POSTGRES_CLUSTER, "postgresql-system", "postgres", Map.of(
                "conditions", List.of(Map.of("type", "ContinuousArchiving", "status", "False",
                        "reason", "ContinuousArchivingFailing", "message", "barman-cloud-wal-archive: exit status 1",
                        "lastTransitionTime", T0.toString()))));
        world.cluster.setStatus(ResourceKind.OBJECT_STORE, "postgresql-system", "postgres-s3-backup", Map.of(
                "serverRecoveryWindow", Map.of("postgres", Map.of(
                        "firstRecoverabilityPoint", "2026-11-01T00:00:00Z",
                        "lastSuccessfulBackupTime", "2026-11-30T03:00:00Z"))));
        world.cluster.takeRequests();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private void patch(ResourceKind kind, String namespace, String name, String mergePatch) {
        world.cluster.client().genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private static Map<String, AppStatus> byName(StatusReport report) {
        return report.apps().stream().collect(Collectors.toMap(AppStatus::name, Function.identity()));
    }

    @Test
    void reportsEveryAppWithOneListPerKind() {
        StatusReport report = status.report(NamespaceScope.all());
        List<String> requests = world.cluster.takeRequests();

        assertThat(report.apps()).extracting(a -> a.namespace() + "/" + a.name()).containsExactly(
                "default/paperless-ngx", "media/immich", "observability/grafana",
                "postgresql-system/postgres-1", "postgresql-system/postgres-2", "postgresql-system/postgres-3");
        assertThat(requests.stream().filter(r -> !r.contains("/secrets/")).toList()).containsExactlyInAnyOrder(
                "GET /apis/volsync.backube/v1alpha1/replicationsources",
                "GET /apis/volsync.backube/v1alpha1/replicationdestinations",
                "GET /api/v1/persistentvolumeclaims",
                "GET /apis/apps/v1/deployments",
                "GET /apis/apps/v1/statefulsets",
                "GET /apis/helm.toolkit.fluxcd.io/v2/helmreleases",
                "GET /apis/kustomize.toolkit.fluxcd.io/v1/kustomizations",
                "GET /apis/postgresql.cnpg.io/v1/clusters",
                "GET /apis/barmancloud.cnpg.io/v1/objectstores");
        assertThat(requests).filteredOn(r -> r.contains("/secrets/")).hasSize(6);
        // five apps share filesystem:///repository: one read for them, one for immich's
        assertThat(repositoryOpens).hasValue(2);
    }

    @Test
    void freshAppWithLeftoversIsFlaggedForTheLeftoversOnly() {
        AppStatus paperless = byName(status.report(NamespaceScope.all())).get("paperless-ngx");

        assertThat(paperless.evidence()).isInstanceOfSatisfying(SnapshotEvidence.Repository.class, r -> {
            assertThat(r.snapshotCount()).isEqualTo(1);
            assertThat(r.newestAt()).contains(T0.minus(Duration.ofMinutes(30)));
        });
        assertThat(paperless.age()).contains(Duration.ofMinutes(30));
        assertThat(paperless.schedule()).contains("20 * * * *");
        assertThat(paperless.expectedInterval()).contains(Duration.ofHours(1));
        assertThat(paperless.manualTrigger()).contains("backup-now");
        assertThat(paperless.suspendedFlux()).containsExactly("Kustomization flux-system/paperless-ngx");
        assertThat(paperless.flags()).containsExactlyInAnyOrder(AppFlag.LEFTOVER_MANUAL_TRIGGER, AppFlag.FLUX_SUSPENDED);
    }

    @Test
    void snapshotBecomesStaleAfterTwoIntervals() {
        AppStatus before = byName(status.report(NamespaceScope.of("observability"))).get("grafana");
        assertThat(before.age()).contains(Duration.ofMinutes(90));
        assertThat(before.flags()).doesNotContain(AppFlag.STALE).contains(AppFlag.LEFTOVER_RESTORE_SELECTOR);
        assertThat(before.restoreSelectors()).containsExactly(
                new RestoreSelector("grafana-dst", Optional.of("2026-11-29T00:00:00Z"), OptionalInt.of(1)));

        world.clock.advance(Duration.ofMinutes(31));   // 121 minutes > 2 × 1 h

        AppStatus after = byName(status.report(NamespaceScope.of("observability"))).get("grafana");
        assertThat(after.flags()).contains(AppFlag.STALE);
        StatusService lenient = new StatusService(world.reader, opener, world.clock,
                StatusPolicy.defaults().withStaleAfterIntervals(3));
        assertThat(byName(lenient.report(NamespaceScope.of("observability"))).get("grafana").flags())
                .doesNotContain(AppFlag.STALE);
    }

    @Test
    void unreachableRepositoryFallsBackToTheStatusWithTheReason() {
        AppStatus immich = byName(status.report(NamespaceScope.all())).get("immich");

        assertThat(immich.evidence()).isInstanceOfSatisfying(SnapshotEvidence.StatusOnly.class, s -> {
            assertThat(s.lastSyncAt()).contains(T0.minus(Duration.ofMinutes(40)));
            assertThat(s.reason()).contains("/nonexistent/immich-repository");
        });
        assertThat(immich.age()).contains(Duration.ofMinutes(40));
        assertThat(immich.flags()).containsExactlyInAnyOrder(AppFlag.REPOSITORY_UNREACHABLE, AppFlag.MOVER_FAILED);
        assertThat(immich.problems()).singleElement().asString().startsWith("repository not read: ");
    }

    @Test
    void appWithoutSnapshotsAndPostgresArchivingState() {
        StatusReport report = status.report(NamespaceScope.all());

        assertThat(byName(report).get("postgres-1").flags()).containsExactly(AppFlag.NO_BACKUP);
        assertThat(report.postgresClusters()).singleElement().satisfies((PostgresStatus pg) -> {
            assertThat(pg.name()).isEqualTo("postgres");
            assertThat(pg.objectStore()).contains("postgres-s3-backup");
            assertThat(pg.lastSuccessfulBackupAt()).contains(Instant.parse("2026-11-30T03:00:00Z"));
            assertThat(pg.firstRecoverabilityPointAt()).contains(Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(pg.archiving()).isFalse();
            assertThat(pg.continuousArchiving()).hasValueSatisfying(c ->
                    assertThat(c.message()).contains("barman-cloud-wal-archive"));
        });
        assertThat(report.healthy()).isFalse();
    }

    @Test
    void reportNarrowedToOneApp() {
        StatusReport report = status.report(NamespaceScope.all());

        assertThat(report.forApp("postgres-2").apps()).extracting(AppStatus::name).containsExactly("postgres-2");
        assertThat(report.forApp("postgres-2").postgresClusters()).extracting(PostgresStatus::name)
                .containsExactly("postgres");
        assertThat(report.forApp("grafana").postgresClusters()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> report.forApp("nope"))
                .isInstanceOfSatisfying(dev.rewind.error.RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(dev.rewind.error.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'nope'");
                });
    }

    @Test
    void pausedSourceIsFlagged() {
        patch(ResourceKind.REPLICATION_SOURCE, "observability", "grafana", "{\"spec\":{\"paused\":true}}");

        assertThat(byName(status.report(NamespaceScope.of("observability"))).get("grafana").flags())
                .contains(AppFlag.PAUSED);
    }
}
