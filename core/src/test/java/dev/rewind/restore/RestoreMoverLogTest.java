package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 items [5] and [8]: the mover gate reads the mover pod's log (not only the 1 KiB status tail), and
 * {@code follow} streams its lines while RESTORE waits.
 */
class RestoreMoverLogTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RestoreRequest request(boolean follow) {
        return RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(1))
                .withOptions(new RestoreOptions(false, Optional.empty(), follow, false));
    }

    private List<String> notes() {
        return f.events.stream().filter(RestoreProgress.Note.class::isInstance)
                .map(e -> ((RestoreProgress.Note) e).message()).toList();
    }

    @Test
    void thePinnedSnapshotIdIsFoundInThePodLogWhenTheStatusTailLostIt() {
        f.cluster.moverStatusTailOnly();

        RestoreResult result = f.service().restore(request(false));

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + s2);
        assertThat(notes()).anyMatch(n -> n.startsWith("mover log of ReplicationDestination default/paperless-ngx-")
                && n.endsWith(" names snapshot " + s2));
    }

    @Test
    void successWithNothingRestoredSeenOnlyInThePodLogRollsBack() {
        f.cluster.moverStatusTailOnly();   // the tail says only OPERATION_RESULT: SUCCESS / EXIT_CODE: 0
        f.cluster.restoreMoversFindNothing();

        RestoreResult result = f.service().restore(request(false));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(r.message()).contains("reported success but restored nothing")
                    .contains("No eligible snapshots found").contains("(failed in RESTORE)");
        });
        assertThat(f.cluster.content(NS, APP)).as("rolled back from the safety snapshot").isEqualTo("original");
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
    }

    @Test
    void aMoverThatCreatedANewRepositoryRollsBack() {
        f.cluster.moverStatusTailOnly();
        f.cluster.restoreMoversCreateRepository();

        RestoreResult result = f.service().restore(request(false));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(r.message()).contains("created a new empty repository instead of restoring");
        });
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
    }

    @Test
    void followStreamsEachMoverLogLineOnceInOrderWhileTheLogGrows() {
        f.cluster.moverSteps(3);

        RestoreResult result = f.service().restore(request(true));

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        List<String> streamed = f.events.stream().filter(RestoreProgress.Note.class::isInstance)
                .map(RestoreProgress.Note.class::cast)
                .filter(n -> n.phase() == RestorePhase.RESTORE && n.message().startsWith("volsync-dst-"))
                .map(n -> n.message().substring(n.message().indexOf(": ") + 2)).toList();
        assertThat(streamed).containsExactly(
                "INFO: Setting client identity to 'paperless-ngx@default'",
                "INFO: Looking for snapshots with identity: paperless-ngx@default:/data",
                "INFO: Restoring as of: 2026-11-29T02:00:00.25Z",
                "INFO: Using previous offset: 0",
                "INFO: Selected snapshot with id: " + s2,
                "INFO: Snapshot restore completed successfully",
                "=== OPERATION SUMMARY ===",
                "OPERATION_RESULT: SUCCESS",
                "EXIT_CODE: 0");
        assertThat(result.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .contains("stream the mover's log (container kopia)");
    }

    @Test
    void withoutFollowNoLogLineIsReported() {
        RestoreResult result = f.service().restore(request(false));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(notes()).noneMatch(n -> n.startsWith("volsync-dst-"));
    }

    @Test
    void anUnreadablePodLogIsReportedAndTheGateFallsBackToTheStatusTail() {
        f.cluster.moverLogsForbidden();

        RestoreResult result = f.service().restore(request(true));

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(notes()).filteredOn(n -> n.startsWith("cannot read the mover's log: forbidden: get pods/log"))
                .hasSize(1);
        assertThat(notes()).anyMatch(n -> n.endsWith("names snapshot " + s2
                + " (status tail only: the pod log was not readable)"));
    }

    @Test
    void anUnreadablePodLogAndACutTailRollBackRatherThanTrustTheResult() {
        f.cluster.moverLogsForbidden();
        f.cluster.moverStatusTailOnly();

        RestoreResult result = f.service().restore(request(false));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r ->
                assertThat(r.message()).contains("did not restore the pinned snapshot")
                        .contains("its log does not name the snapshot"));
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
    }
}
