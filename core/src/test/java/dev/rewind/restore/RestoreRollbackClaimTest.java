package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 item 6: what a rollback leaves in the claim's {@code spec.dataSourceRef} (immutable, and compared by
 * Flux's server-side apply with the Git manifest, which names the RD {@code <app>-dst}).
 */
class RestoreRollbackClaimTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void inPlaceRollbackPointsTheClaimAtTheSafetySnapshotAndKeepsFluxOffIt() {
        assertThat(f.cluster.claimDataSourceRef(NS, APP)).isEqualTo("ReplicationDestination/" + APP + "-dst");
        f.cluster.restoreMoversFindNothing();

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOf(RestoreOutcome.RolledBack.class);
        String safety = result.safetySnapshot().orElseThrow();
        assertThat(f.cluster.claimDataSourceRef(NS, APP)).isEqualTo("VolumeSnapshot/" + safety);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.claimAnnotations(NS, APP))
                .containsEntry("kustomize.toolkit.fluxcd.io/reconcile", "disabled");
        assertThat(f.events).filteredOn(RestoreProgress.Note.class::isInstance)
                .map(e -> ((RestoreProgress.Note) e).message())
                .anyMatch(m -> m.contains("now has dataSourceRef VolumeSnapshot " + safety));
    }

    @Test
    void replaceRollbackKeepsTheGitDataSourceRefAndBindsTheRetainedVolume() {
        f.close();
        for (int crashAt = 1; crashAt < 80; crashAt++) {
            try (RestoreFixture g = new RestoreFixture()) {
                g.cluster.waitForFirstConsumer();   // the re-created claim stays Pending while the app is down
                CrashingClusterActions crashing = new CrashingClusterActions(g.cluster.writer(), crashAt);
                try {
                    g.service(w -> crashing).restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())
                            .withMode(RestoreMode.REPLACE));
                } catch (dev.rewind.error.RewindException e) {
                    assertThat(crashing.crashed()).isTrue();
                }
                crashing.revive();
                g.advance(java.time.Duration.ofMinutes(3));
                if (!g.cluster.configMapExists(NS, "rewind-restore-" + APP)
                        || !Boolean.parseBoolean(g.cluster.configMap(NS, "rewind-restore-" + APP).get("claimReplaced"))
                        || !g.cluster.configMap(NS, "rewind-restore-" + APP).get("phase").equals("CLEANUP")) {
                    continue;
                }
                String retained = g.cluster.configMap(NS, "rewind-restore-" + APP).get("volumeName");

                RestoreResult aborted = g.service().abort(APP, NS);

                assertThat(aborted.outcome()).isInstanceOf(RestoreOutcome.RolledBack.class);
                assertThat(g.cluster.claimVolume(NS, APP)).contains(retained);
                assertThat(g.cluster.claimDataSourceRef(NS, APP)).isEqualTo("ReplicationDestination/" + APP + "-dst");
                assertThat(g.cluster.claimAnnotations(NS, APP))
                        .doesNotContainKey("kustomize.toolkit.fluxcd.io/reconcile");
                assertThat(g.cluster.content(NS, APP)).isEqualTo("original");
                return;
            }
        }
        throw new AssertionError("no crash point stopped a replace restore in CLEANUP with the claim replaced");
    }
}
