package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stops a restore at every mutation it makes (a simulated crash of rewind) and proves that {@code resume} completes
 * it and {@code abort} rolls it back — with Flux never left suspended and the original data recoverable from the
 * safety point.
 */
class RestoreInterruptionTest {
    private static final String JOURNAL = "rewind-restore-" + APP;
    private static final int MAX_MUTATIONS = 200;

    @Test
    void resumeCompletesARestoreStoppedAtAnyMutation() {
        String pinned = RestoreFixture.ids().get(1);
        int crashAt = 1;
        for (; crashAt < MAX_MUTATIONS; crashAt++) {
            try (RestoreFixture f = new RestoreFixture()) {
                CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), crashAt);
                Optional<RestoreResult> first = start(f, writer);
                if (!writer.crashed()) {
                    assertThat(first.orElseThrow().outcome()).isEqualTo(new RestoreOutcome.Succeeded());
                    break;
                }
                String at = "crash at mutation " + crashAt;
                if (first.isPresent() && first.get().outcome() instanceof RestoreOutcome.Succeeded) {
                    // the crash hit the final lease release: done, the lease just expires
                    assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("snapshot:" + pinned);
                    assertThat(f.cluster.configMapExists(NS, JOURNAL)).as(at).isFalse();
                    continue;
                }
                first.ifPresent(r -> assertThat(r.outcome()).as(at).isInstanceOf(RestoreOutcome.Interrupted.class));
                f.recover(writer);
                boolean journalled = f.cluster.configMapExists(NS, JOURNAL);
                RestoreService service = f.service();
                if (journalled) {
                    RestoreResult resumed = service.resume(APP, NS);
                    assertThat(resumed.outcome()).as(at).isEqualTo(new RestoreOutcome.Succeeded());
                    assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("snapshot:" + pinned);
                } else {
                    assertThatThrownBy(() -> service.resume(APP, NS)).as(at).isInstanceOf(RewindException.class)
                            .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("original");
                }
                assertResumed(f, at);
            }
        }
        assertThat(crashAt).as("mutations of a whole restore").isBetween(15, MAX_MUTATIONS - 1);
    }

    @Test
    void abortRollsBackARestoreStoppedAtAnyMutation() {
        String pinned = RestoreFixture.ids().get(1);
        int crashAt = 1;
        for (; crashAt < MAX_MUTATIONS; crashAt++) {
            try (RestoreFixture f = new RestoreFixture()) {
                CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), crashAt);
                start(f, writer);
                if (!writer.crashed()) {
                    break;
                }
                String at = "crash at mutation " + crashAt;
                f.recover(writer);
                if (!f.cluster.configMapExists(NS, JOURNAL)) {
                    RestoreService service = f.service();
                    assertThatThrownBy(() -> service.abort(APP, NS)).as(at).isInstanceOf(RewindException.class)
                            .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(f.cluster.content(NS, APP)).as(at).isIn("original", "snapshot:" + pinned);
                    assertResumed(f, at);
                    continue;
                }
                String phase = f.cluster.configMap(NS, JOURNAL).get("phase");
                RestoreResult aborted = f.service().abort(APP, NS);
                if (phase.equals("RESUME") || phase.equals("POST_VERIFY")) {
                    // the restore itself had finished: abort completes the resume and keeps the restored data
                    assertThat(aborted.outcome()).as(at).isEqualTo(new RestoreOutcome.Succeeded());
                    assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("snapshot:" + pinned);
                } else {
                    assertThat(aborted.outcome()).as(at + " in " + phase)
                            .isInstanceOf(RestoreOutcome.RolledBack.class);
                    assertThat(f.cluster.content(NS, APP)).as(at + " in " + phase).isEqualTo("original");
                }
                assertResumed(f, at);
            }
        }
        assertThat(crashAt).isBetween(15, MAX_MUTATIONS - 1);
    }

    private static Optional<RestoreResult> start(RestoreFixture f, CrashingClusterActions writer) {
        return f.restoreCrashing(writer, RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.AsOf(RestoreFixture.S2_AT.plusSeconds(60))));
    }

    private static void assertResumed(RestoreFixture f, String at) {
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).as(at).isFalse();
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).as(at).isFalse();
        assertThat(f.cluster.sourcePaused(NS, APP)).as(at).isFalse();
        assertThat(f.cluster.replicas(NS, APP)).as(at).isEqualTo(2);
        assertThat(f.cluster.replicationDestinations(NS)).as(at).containsExactly(APP + "-dst");
        assertThat(f.cluster.configMapExists(NS, JOURNAL)).as(at).isFalse();
        assertThat(f.cluster.leaseExists(NS, JOURNAL)).as(at).isFalse();
        assertThat(Map.copyOf(f.cluster.sourceTrigger(NS, APP))).as(at).doesNotContainKey("manual");
    }
}
