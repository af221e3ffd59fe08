package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed gates lead to ROLLBACK and always end in RESUME. */
class RestoreRollbackTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void successWithNothingRestoredIsAFailureAndIsRolledBackFromTheSafetySnapshot() {
        f.cluster.restoreMoversFindNothing();
        String uidBefore = f.cluster.claimUid(NS, APP);

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(r.message()).contains("No eligible snapshots found").contains("RESTORE");
        });
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.claimUid(NS, APP)).isNotEqualTo(uidBefore);
        assertResumed();
    }

    @Test
    void aFailingMoverStopsAtTheFirstFailureAndRollsBack() {
        f.cluster.restoreMoversFail();

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r ->
                assertThat(r.message()).contains("mover").contains("ERROR: Failed to connect to repository"));
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertResumed();
    }

    @Test
    void podsThatDoNotGoAwayStopTheRestoreBeforeAnyDataIsTouched() {
        f.cluster.podsNeverTerminate();
        String uidBefore = f.cluster.claimUid(NS, APP);

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(r.message()).contains("QUIESCE").contains("claim default/paperless-ngx to be unused and detached")
                    .contains("still: pod(s) paperless-ngx-0");
        });
        assertThat(f.cluster.claimUid(NS, APP)).isEqualTo(uidBefore);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.volumeSnapshots(NS)).noneMatch(n -> n.contains("-rewind-"));
        assertResumed();
    }

    @Test
    void aSafetySnapshotThatNeverBecomesReadyStopsBeforeTheRestore() {
        f.cluster.snapshotsNeverReady();

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class,
                r -> assertThat(r.message()).contains("SAFETY_POINT").contains("readyToUse"));
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertResumed();
    }

    @Test
    void withoutASafetySnapshotAFailedRestoreCannotBeRolledBackAndSaysSo() {
        f.cluster.restoreMoversFindNothing();

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())
                .withNoSafetySnapshot(true));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.Failed.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(r.message()).contains("no safety snapshot was taken");
        });
        assertThat(f.cluster.content(NS, APP)).isEmpty();   // enableFileDeletion wiped it: exactly the §2.5 trap
        assertThat(f.cluster.volumeSnapshots(NS)).noneMatch(n -> n.contains("-rewind-"));
        assertResumed();
    }

    private void assertResumed() {
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).isFalse();
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(f.cluster.sourcePaused(NS, APP)).isFalse();
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(f.cluster.replicationDestinations(NS)).containsExactly(APP + "-dst");
        assertThat(f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(f.cluster.leaseExists(NS, "rewind-restore-" + APP)).isFalse();
    }
}
