package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.RepositoryLocation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In-place restores end to end: mock API server in CRUD mode, simulated controllers, a real fixture repository. */
class RestoreInPlaceTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void restoreByTimestampWithOffsetAndFractionPinsTheSnapshotAndLeavesNothingBehind() {
        // 2026-11-29T04:30:00.5+02:00 = 02:30:00.5Z on the 29th: S2 (02:00:00.25Z) is the newest at or before it
        RestoreRequest request = RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.AsOf(RestoreTimestamp.parse("2026-11-29T04:30:00.5+02:00")));

        RestoreResult result = f.service().restore(request);

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(result.lastPhase()).isEqualTo(RestorePhase.POST_VERIFY);
        assertThat(result.snapshotId()).isEqualTo(s2);
        assertThat(result.plan()).get().satisfies(plan -> {
            assertThat(plan.snapshot().startTimeText()).isEqualTo("2026-11-29T02:00:00.25Z");
            assertThat(plan.snapshot().gapToTarget()).contains(java.time.Duration.ofMinutes(30).plusMillis(250));
        });
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + s2);
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).isFalse();
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(f.cluster.reconcileRequestedAt("HelmRelease", NS, APP)).isPresent();
        assertThat(f.cluster.reconcileRequestedAt("Kustomization", "flux-system", APP)).isPresent();
        assertThat(f.cluster.sourcePaused(NS, APP)).isFalse();
        assertThat(f.cluster.sourceTrigger(NS, APP)).doesNotContainKey("manual");
        assertThat(f.cluster.replicationDestinations(NS)).containsExactly(APP + "-dst");
        assertThat(f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(f.cluster.leaseExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(f.cluster.volumeSnapshots(NS)).filteredOn(n -> n.contains("-rewind-"))
                .containsExactly(result.safetySnapshot().orElseThrow());
        assertThat(f.cluster.pods(NS)).containsExactly(APP + "-0", APP + "-1");
        assertThat(f.openedLocations).singleElement().isInstanceOf(RepositoryLocation.Filesystem.class);
        assertThat(result.durations()).containsKeys(RestorePhase.QUIESCE, RestorePhase.SAFETY_POINT,
                RestorePhase.RESTORE, RestorePhase.CLEANUP, RestorePhase.RESUME, RestorePhase.POST_VERIFY);
        assertThat(result.recoveryTime()).isPositive();
        assertThat(f.events).filteredOn(RestoreProgress.Finished.class::isInstance).hasSize(1);
    }

    @Test
    void fractionalSecondsCompareAsInstantsNotAsStrings() {
        // 02:00:00.1Z on the 29th is before S2 (02:00:00.25Z): the newest at or before it is S1
        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.AsOf(RestoreTimestamp.parse("2026-11-29T02:00:00.1Z"))));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.ids().get(0));
    }

    @Test
    void previousAndNewestAndIdSelectFromTheRepository() {
        RestorePlanner planner = f.planner();
        assertThat(planner.plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())).snapshot().id())
                .isEqualTo(RestoreFixture.ids().get(2));
        assertThat(planner.plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(2))).snapshot().id())
                .isEqualTo(RestoreFixture.ids().get(0));
        String prefix = RestoreFixture.ids().get(1).substring(0, 10);
        assertThat(planner.plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.ById(prefix))).snapshot().id())
                .isEqualTo(RestoreFixture.ids().get(1));
    }

    @Test
    void theTemporaryDestinationPinsTheSnapshotExactly() {
        RestorePlan plan = f.planner().plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(1)));

        @SuppressWarnings("unchecked")
        Map<String, Object> kopia = (Map<String, Object>) ((Map<String, Object>) plan.destination().document()
                .get("spec")).get("kopia");
        assertThat(kopia).containsEntry("copyMethod", "Direct").containsEntry("destinationPVC", APP)
                .containsEntry("username", APP).containsEntry("hostname", NS)
                .containsEntry("restoreAsOf", "2026-11-29T02:00:00.25Z").containsEntry("previous", 0)
                .containsEntry("enableFileDeletion", true).containsEntry("repository", APP + "-volsync-secret")
                .containsEntry("moverSecurityContext", Map.of("runAsUser", 1000L, "runAsGroup", 1000L,
                        "fsGroup", 1000L));
        assertThat(plan.destination().name()).isEqualTo(APP + "-rewind-20261130170000");
        assertThat(plan.manualTag()).startsWith("rewind-20261130170000-");
        assertThat(plan.toYaml()).contains("kind: \"RestorePlan\"").contains("restoreAsOf: \"2026-11-29T02:00:00.25Z\"");
        assertThat(plan.manifestsYaml()).contains("kind: \"ReplicationDestination\"")
                .contains("kind: \"VolumeSnapshot\"");
    }

    @Test
    void aSourceWithCustomUsernameAndHostnameRestoresFromThatIdentity() {
        f.cluster.sourceIdentity("paperless", "nas-01");

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(result.plan().orElseThrow().identity().toString()).isEqualTo(RestoreFixture.CUSTOM_SOURCE);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.customIds().get(1));
    }

    @Test
    void onlyWhatRewindSuspendedIsResumed() {
        f.cluster.setSuspended("Kustomization", "flux-system", APP, true);

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).isTrue();
        assertThat(f.cluster.reconcileRequestedAt("Kustomization", "flux-system", APP)).isEmpty();
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(result.plan().orElseThrow().alreadySuspended()).hasSize(1);
    }

    @Test
    void dryRunChangesNothing() {
        f.cluster.clearRequests();

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())
                .withDryRun(true));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.plan()).isPresent();
        assertThat(f.cluster.takeMutatingRequests()).isEmpty();
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(result.plan().orElseThrow().toYaml()).contains(RestoreFixture.ids().get(2));
        assertThat(Optional.of(f.cluster.replicas(NS, APP))).contains(2);
    }
}
