package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 6 item [4]: QUIESCE waits until no pod uses the claim AND its volume is detached (no VolumeAttachment). */
class RestoreDetachTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void quiesceWaitsUntilTheVolumeAttachmentIsGone() {
        String pv = f.cluster.claimVolume(NS, APP).orElseThrow();
        assertThat(f.cluster.attachments(pv)).containsExactly("csi-" + pv);
        List<String> attachedWhenRestoreStarted = new ArrayList<>();
        RestoreService service = new RestoreService(f.planner(), new RestoreExecutor(f.cluster.writer(),
                f.cluster.environment(), f.cluster.moverLogs(), f.clock, d -> {
                    f.clock.advance(d);
                    f.cluster.step();
                }, new java.util.SplittableRandom(1), RestoreSettings.defaults(), event -> {
                    f.events.add(event);
                    if (event instanceof RestoreProgress.PhaseStarted p && p.phase() == RestorePhase.SAFETY_POINT) {
                        attachedWhenRestoreStarted.addAll(f.cluster.attachments(pv));
                    }
                }), f.events::add);

        RestoreResult result = service.restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(attachedWhenRestoreStarted).as("attachments when SAFETY_POINT began").isEmpty();
        assertThat(f.events).filteredOn(RestoreProgress.Note.class::isInstance).map(e -> ((RestoreProgress.Note) e)
                .message()).contains("no pod mounts claim default/paperless-ngx and PersistentVolume " + pv
                + " is detached");
        assertThat(result.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .contains("wait until no VolumeAttachment references PersistentVolume " + pv
                        + " (the volume is detached)");
        f.cluster.step();
        assertThat(f.cluster.attachments(pv)).as("re-attached for the resumed app").containsExactly("csi-" + pv);
    }

    @Test
    void aVolumeThatStaysAttachedTimesOutInQuiesceNamingTheAttachmentAndResumesTheApp() {
        f.cluster.volumesNeverDetach();
        String pv = f.cluster.claimVolume(NS, APP).orElseThrow();
        String uid = f.cluster.claimUid(NS, APP);

        RestoreResult result = f.service().restore(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest()));

        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(r.message()).contains("(failed in QUIESCE)")
                    .contains("still: VolumeAttachment(s) csi-" + pv + " of PersistentVolume " + pv)
                    .doesNotContain("pod(s)");
        });
        assertThat(f.cluster.claimUid(NS, APP)).isEqualTo(uid);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.volumeSnapshots(NS)).noneMatch(n -> n.contains("-rewind-"));
        f.cluster.step();
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(f.cluster.pods(NS)).contains(APP + "-0", APP + "-1");
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).isFalse();
        assertThat(f.cluster.sourcePaused(NS, APP)).isFalse();
        assertThat(f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
    }
}
