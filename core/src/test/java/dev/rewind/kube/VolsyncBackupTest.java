package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.App;
import dev.rewind.backup.BackupEvent;
import dev.rewind.backup.BackupOptions;
import dev.rewind.backup.BackupOutcome;
import dev.rewind.backup.BackupResult;
import dev.rewind.backup.VolsyncBackup;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.Trigger;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VolsyncBackup} against the mock API server, the simulated Volsync and a real (fixture) Kopia repository.
 * Issue "Cluster model", item 5.
 */
class VolsyncBackupTest {
    private static final String APP = "paperless-ngx";
    private static final String SCHEDULE = "20 * * * *";
    private final VolsyncWorld world = new VolsyncWorld();
    private final List<BackupEvent> events = new CopyOnWriteArrayList<>();
    private final VolsyncBackup backup = new VolsyncBackup(world.writer, world.writer, world.opener, world.clock,
            new SplittableRandom(1), world.waiter);
    private final BackupOptions options = new BackupOptions(Duration.ofMinutes(10), Duration.ofSeconds(30), false,
            BackupOptions.DEFAULT_CLOCK_SKEW);

    VolsyncBackupTest() {
        world.reference.paperlessNgx();
        world.snapshot(APP + "@default:/data", VolsyncWorld.T0.minus(Duration.ofHours(1)));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private App paperless() {
        return world.app(APP, "default");
    }

    private ReplicationSource rs() {
        return world.writer.getReplicationSource("default", APP);
    }

    @Test
    void backupRunsConfirmsTheNewSnapshotAndRestoresTheSchedule() {
        BackupResult result = backup.run(paperless(), options, events::add);

        assertThat(result.tag()).matches("rewind-20261130-160000-[a-z0-9]{6}");
        assertThat(result.source()).isEqualTo("paperless-ngx@default:/data");
        assertThat(result.snapshotStartAt()).isAfterOrEqualTo(result.triggeredAt());
        assertThat(result.totalBytes()).isPositive();
        ReplicationSource after = rs();
        assertThat(after.trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
        assertThat(after.status().lastManualSync()).contains(result.tag());
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Triggered", "TriggerRestored", "SyncCompleted", "SnapshotConfirmed");
        assertThat(events.getFirst()).isEqualTo(new BackupEvent.Triggered("default/" + APP, result.tag(),
                Trigger.schedule(SCHEDULE), VolsyncWorld.T0));
        assertThat(events.getLast()).isEqualTo(new BackupEvent.SnapshotConfirmed("default/" + APP,
                result.snapshotId(), result.snapshotStartAt()));
    }

    @Test
    void previousManualTagIsPutBack() {
        patchSpec("{\"spec\":{\"trigger\":{\"schedule\":null,\"manual\":\"restore-once\"}}}");
        world.volsync.step();
        world.volsync.step();   // the tag's sync completes: manual mode, nothing pending
        assertThat(rs().status().lastManualSync()).contains("restore-once");

        backup.run(paperless(), options, events::add);

        assertThat(rs().trigger()).isEqualTo(Trigger.manual("restore-once"));
    }

    @Test
    void moverFailingForeverTimesOutWithTheTriggerRestored() {
        world.volsync.failMover("default", APP);

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("ReplicationSource default/paperless-ngx", "PT10M",
                            "the mover failed: ERROR: Failed to connect to repository")
                            .doesNotContain("\n");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("retries a failed mover"));
                });

        assertThat(rs().trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
        assertThat(world.volsync.jobsCreated(ResourceKind.REPLICATION_SOURCE, "default", APP)).isGreaterThan(2);
        assertThat(events).filteredOn(e -> e instanceof BackupEvent.MoverFailed).hasSize(1);
        assertThat(events.getLast()).isInstanceOf(BackupEvent.TriggerRestored.class);
    }

    @Test
    void pausedSourceIsRefusedWithoutChangingAnything() {
        patchSpec("{\"spec\":{\"paused\":true}}");
        world.cluster.takeRequests();

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("default/paperless-ngx is paused");
                });

        assertThat(world.cluster.takeRequests()).noneMatch(r -> r.startsWith("PATCH"));
        assertThat(rs().trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
        assertThat(events).isEmpty();
    }

    @Test
    void successfulSyncWithoutANewSnapshotIsAnError() {
        world.volsync.onBackup((namespace, name) -> { });   // the mover "succeeds" but writes nothing

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PARTIAL);
                    assertThat(e.getMessage()).contains("no new snapshot of paperless-ngx@default:/data",
                            "newest is", "2026-11-30T15:00:00Z");
                });
        assertThat(rs().trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
    }

    @Test
    void snapshotUnderAnotherIdentityDoesNotCount() {
        world.volsync.onBackup((namespace, name) -> world.snapshot(name + "@" + name + ":/data", world.clock.instant()));

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PARTIAL));
    }

    @Test
    void pendingManualSyncIsRefused() {
        patchSpec("{\"spec\":{\"trigger\":{\"manual\":\"someone-else\"}}}");

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("pending manual sync 'someone-else'");
                });
        assertThat(rs().trigger().manual()).contains("someone-else");
    }

    @Test
    void unreachableRepositoryFailsBeforeTriggering() {
        VolsyncBackup blind = new VolsyncBackup(world.writer, world.writer, app -> {
            throw new RewindException(Reason.UNAVAILABLE, "cannot reach s3://backups");
        }, world.clock, new SplittableRandom(1), world.waiter);

        assertThatThrownBy(() -> blind.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("repository of default/paperless-ngx before triggering");
                });
        assertThat(rs().trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
        assertThat(world.volsync.jobsCreated(ResourceKind.REPLICATION_SOURCE, "default", APP)).isZero();
    }

    @Test
    void forbiddenPatchIsUnavailableWithAnRbacHint() {
        world.cluster.server().expect().patch()
                .withPath("/apis/volsync.backube/v1alpha1/namespaces/default/replicationsources/" + APP)
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
                        .withMessage("replicationsources.volsync.backube \"paperless-ngx\" is forbidden").build())
                .always();

        assertThatThrownBy(() -> backup.run(paperless(), options, events::add))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo(
                            "forbidden: patch replicationsources.volsync.backube in namespace default");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                            .contains("kubectl auth can-i patch replicationsources.volsync.backube -n default"));
                });
    }

    @Test
    void followedMoverLogIsReported() {
        String pod = "volsync-src-paperless-ngx-00001";
        world.cluster.server().expect().get()
                .withPath("/api/v1/namespaces/default/pods/" + pod + "/log?pretty=false&container=kopia")
                .andReturn(200, "INFO: Starting backup\nINFO: Snapshot created successfully\n").always();

        backup.run(paperless(), options.withFollowLogs(true), events::add);

        assertThat(events).filteredOn(e -> e instanceof BackupEvent.MoverLog)
                .containsExactly(new BackupEvent.MoverLog("default/" + APP, pod, "INFO: Starting backup"),
                        new BackupEvent.MoverLog("default/" + APP, pod, "INFO: Snapshot created successfully"));
    }

    @Test
    void allAppsRunWithBoundedConcurrencyAndFailIndependently() {
        world.reference.componentApp("grafana", "observability", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        world.snapshot("grafana@observability:/data", VolsyncWorld.T0.minus(Duration.ofHours(1)));
        world.volsync.failMover("observability", "grafana");
        List<App> apps = List.of(world.app("grafana", "observability"), paperless());

        List<BackupOutcome> outcomes = backup.runAll(apps, options, VolsyncBackup.DEFAULT_CONCURRENCY, events::add);

        assertThat(outcomes).extracting(BackupOutcome::name).containsExactly("grafana", APP);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(BackupOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(outcomes.get(1)).isInstanceOf(BackupOutcome.Succeeded.class);
        assertThat(world.writer.getReplicationSource("observability", "grafana").trigger().manual()).isEmpty();
        assertThat(rs().trigger()).isEqualTo(Trigger.schedule(SCHEDULE));
    }

    @Test
    void selectionOfAllAppsReportsAnUnresolvedAppAsFailed() {
        world.reference.componentApp("mealie", "default", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        world.cluster.client().secrets().inNamespace("default").withName("mealie-volsync-secret").delete();

        List<BackupOutcome> outcomes = backup.run(new dev.rewind.app.AppDiscovery(world.reader),
                new dev.rewind.backup.BackupSelection.All(dev.rewind.cluster.NamespaceScope.of("default")), options,
                VolsyncBackup.DEFAULT_CONCURRENCY, events::add);

        assertThat(outcomes).extracting(BackupOutcome::name).containsExactly("mealie", APP);
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(BackupOutcome.Failed.class, f -> {
            assertThat(f.failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(f.failure().getMessage()).contains("mealie-volsync-secret");
        });
        assertThat(outcomes.get(1)).isInstanceOf(BackupOutcome.Succeeded.class);
    }

    private void patchSpec(String mergePatch) {
        world.cluster.client().genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context())
                .inNamespace("default").withName(APP).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }
}
