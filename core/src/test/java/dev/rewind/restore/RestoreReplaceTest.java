package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REPLACE mode: refresh the bootstrap RD's image, replace the claim, let the volume populator fill it. */
class RestoreReplaceTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RestoreRequest request() {
        return RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(2)).withMode(RestoreMode.REPLACE);
    }

    @Test
    void replacesTheClaimWithOnePopulatedFromTheFreshImageOfThePinnedSnapshot() {
        String uidBefore = f.cluster.claimUid(NS, APP);
        String pvBefore = f.cluster.claimVolume(NS, APP).orElseThrow();

        RestoreResult result = f.service().restore(request());

        String s1 = RestoreFixture.ids().get(0);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + s1);
        assertThat(f.cluster.claimUid(NS, APP)).isNotEqualTo(uidBefore);
        String pvAfter = f.cluster.claimVolume(NS, APP).orElseThrow();
        assertThat(f.cluster.volume(pvAfter)).get().asString().contains("|default/volsync-" + APP + "-dst-dest-");
        assertThat(f.cluster.volume(pvBefore)).get().asString().startsWith("Retain|");
        @SuppressWarnings("unchecked")
        Map<String, Object> kopia = (Map<String, Object>) f.cluster.destinationSpec(NS, APP + "-dst").get("kopia");
        assertThat(kopia).doesNotContainKeys("restoreAsOf", "previous");
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = (Map<String, Object>) f.cluster.destinationSpec(NS, APP + "-dst").get("trigger");
        assertThat(trigger.get("manual")).isEqualTo(result.plan().orElseThrow().manualTag());
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).isFalse();
        assertThat(f.cluster.sourcePaused(NS, APP)).isFalse();
        assertThat(f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(f.cluster.leaseExists(NS, "rewind-restore-" + APP)).isFalse();
    }

    @Test
    void aWaitForFirstConsumerClassDoesNotDeadlockThePopulator() {
        f.cluster.waitForFirstConsumer();

        RestoreResult result = f.service().restore(request());

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.ids().get(0));
        assertThat(f.events).filteredOn(RestoreProgress.Note.class::isInstance)
                .map(e -> ((RestoreProgress.Note) e).message())
                .anyMatch(m -> m.contains("once a consumer is scheduled"));
    }

    @Test
    void nothingRestoredIntoTheImageStopsBeforeTheClaimIsTouched() {
        f.cluster.restoreMoversFindNothing();
        String uidBefore = f.cluster.claimUid(NS, APP);
        String pvBefore = f.cluster.claimVolume(NS, APP).orElseThrow();

        RestoreResult result = f.service().restore(request());

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class,
                r -> assertThat(r.message()).contains("No eligible snapshots found"));
        assertThat(f.cluster.claimUid(NS, APP)).isEqualTo(uidBefore);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.volume(pvBefore)).as("SAFETY_POINT's Retain is undone").get().asString()
                .startsWith("Delete|");
        @SuppressWarnings("unchecked")
        Map<String, Object> kopia = (Map<String, Object>) f.cluster.destinationSpec(NS, APP + "-dst").get("kopia");
        assertThat(kopia).doesNotContainKeys("restoreAsOf", "previous");
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
    }

    @Test
    void abortAfterTheClaimWasReplacedPutsTheOldVolumeBack() {
        String pvBefore = f.cluster.claimVolume(NS, APP).orElseThrow();
        f.cluster.waitForFirstConsumer();   // the new claim stays Pending while the app is down
        CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), Integer.MAX_VALUE);
        RestoreService counting = f.service(w -> writer);
        counting.restore(request());
        int total = writer.mutations();
        f.close();

        for (int crashAt = 1; crashAt <= total; crashAt++) {
            try (RestoreFixture g = new RestoreFixture()) {
                g.cluster.waitForFirstConsumer();
                CrashingClusterActions crashing = new CrashingClusterActions(g.cluster.writer(), crashAt);
                try {
                    g.service(w -> crashing).restore(request());
                } catch (dev.rewind.error.RewindException e) {
                    assertThat(crashing.crashed()).isTrue();
                }
                crashing.revive();
                g.advance(java.time.Duration.ofMinutes(3));
                if (!g.cluster.configMapExists(NS, "rewind-restore-" + APP)) {
                    continue;
                }
                Map<String, String> journal = g.cluster.configMap(NS, "rewind-restore-" + APP);
                String at = "crash at " + crashAt + " in " + journal.get("phase");
                RestoreResult aborted = g.service().abort(APP, NS);
                if (journal.get("phase").equals("RESUME") || journal.get("phase").equals("POST_VERIFY")) {
                    assertThat(aborted.outcome()).as(at).isEqualTo(new RestoreOutcome.Succeeded());
                    continue;
                }
                assertThat(aborted.outcome()).as(at).isInstanceOf(RestoreOutcome.RolledBack.class);
                assertThat(g.cluster.content(NS, APP)).as(at).isEqualTo("original");
                assertThat(g.cluster.claimVolume(NS, APP)).as(at).isPresent();
                if (Boolean.parseBoolean(journal.get("claimReplaced"))) {
                    assertThat(g.cluster.claimVolume(NS, APP)).as(at).contains(journal.get("volumeName"));
                }
                assertThat(g.cluster.suspended("HelmRelease", NS, APP)).as(at).isFalse();
                assertThat(g.cluster.replicas(NS, APP)).as(at).isEqualTo(2);
            }
        }
        assertThat(total).isGreaterThan(15);
        assertThat(pvBefore).isNotEmpty();
    }
}
