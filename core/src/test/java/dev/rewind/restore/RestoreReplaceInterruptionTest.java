package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REPLACE mode (volsync.md §8.1 rows 4, 5b, 6, R): stops a restore at every mutation it makes (a simulated crash of
 * rewind) and proves that {@code resume} completes it — the claim is re-created and populated from a fresh image of
 * the pinned snapshot — and that {@code abort} rolls it back — the claim is back on its old, retained
 * PersistentVolume with the original data and its Git {@code dataSourceRef}. Either way Flux is never left suspended
 * and rewind leaves nothing behind but the safety VolumeSnapshot it keeps on purpose (and, after a completed
 * restore, the old PersistentVolume, kept with reclaim policy Retain).
 */
class RestoreReplaceInterruptionTest {
    private static final String JOURNAL = "rewind-restore-" + APP;
    private static final String RD = APP + "-dst";
    private static final int MAX_MUTATIONS = 200;

    @ParameterizedTest(name = "WaitForFirstConsumer: {0}")
    @ValueSource(booleans = {false, true})
    void resumeCompletesAReplaceStoppedAtAnyMutation(boolean firstConsumer) {
        String pinned = RestoreFixture.ids().get(1);
        int crashAt = 1;
        for (; crashAt < MAX_MUTATIONS; crashAt++) {
            try (RestoreFixture f = fixture(firstConsumer)) {
                Before before = Before.of(f);
                CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), crashAt);
                Optional<RestoreResult> first = start(f, writer);
                if (!writer.crashed()) {
                    assertThat(first.orElseThrow().outcome()).isEqualTo(new RestoreOutcome.Succeeded());
                    assertReplaced(f, before, pinned, "no crash");
                    assertResumed(f, before, "no crash");
                    break;
                }
                String crash = "crash at mutation " + crashAt;
                if (first.isPresent() && first.get().outcome() instanceof RestoreOutcome.Succeeded) {
                    // the crash hit the final lease release: done, the lease just expires
                    assertThat(f.cluster.configMapExists(NS, JOURNAL)).as(crash).isFalse();
                    assertReplaced(f, before, pinned, crash);
                    continue;
                }
                first.ifPresent(r -> assertThat(r.outcome()).as(crash)
                        .isInstanceOf(RestoreOutcome.Interrupted.class));
                String at = crash;
                f.recover(writer);
                RestoreService service = f.service();
                if (f.cluster.configMapExists(NS, JOURNAL)) {
                    at += " in " + f.cluster.configMap(NS, JOURNAL).get("phase");
                    RestoreResult resumed = service.resume(APP, NS);
                    assertThat(resumed.outcome()).as(at).isEqualTo(new RestoreOutcome.Succeeded());
                    assertReplaced(f, before, pinned, at);
                } else {
                    assertThatThrownBy(() -> service.resume(APP, NS)).as(at).isInstanceOf(RewindException.class)
                            .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND);
                    assertUntouched(f, before, at);
                }
                assertResumed(f, before, at);
            }
        }
        assertThat(crashAt).as("mutations of a whole replace restore").isBetween(20, MAX_MUTATIONS - 1);
    }

    @ParameterizedTest(name = "WaitForFirstConsumer: {0}")
    @ValueSource(booleans = {false, true})
    void abortRollsBackAReplaceStoppedAtAnyMutation(boolean firstConsumer) {
        String pinned = RestoreFixture.ids().get(1);
        int crashAt = 1;
        int rolledBackAfterTheClaimWasReplaced = 0;
        for (; crashAt < MAX_MUTATIONS; crashAt++) {
            try (RestoreFixture f = fixture(firstConsumer)) {
                Before before = Before.of(f);
                CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), crashAt);
                start(f, writer);
                if (!writer.crashed()) {
                    break;
                }
                f.recover(writer);
                String at = "crash at mutation " + crashAt;
                RestoreService service = f.service();
                if (!f.cluster.configMapExists(NS, JOURNAL)) {
                    assertThatThrownBy(() -> service.abort(APP, NS)).as(at).isInstanceOf(RewindException.class)
                            .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND);
                    if (f.cluster.content(NS, APP).equals("original")) {
                        assertUntouched(f, before, at);
                    } else {
                        assertReplaced(f, before, pinned, at);   // only the final lease release was lost
                    }
                    assertResumed(f, before, at);
                    continue;
                }
                Map<String, String> journal = f.cluster.configMap(NS, JOURNAL);
                String phase = journal.get("phase");
                at += " in " + phase;
                RestoreResult aborted = service.abort(APP, NS);
                if (phase.equals("RESUME") || phase.equals("POST_VERIFY")) {
                    // the restore itself had finished: abort completes the resume and keeps the restored data
                    assertThat(aborted.outcome()).as(at).isEqualTo(new RestoreOutcome.Succeeded());
                    assertReplaced(f, before, pinned, at);
                } else {
                    assertThat(aborted.outcome()).as(at).isInstanceOf(RestoreOutcome.RolledBack.class);
                    assertRolledBack(f, before, at);
                    if (Boolean.parseBoolean(journal.get("claimReplaced"))) {
                        rolledBackAfterTheClaimWasReplaced++;
                    }
                }
                assertResumed(f, before, at);
            }
        }
        assertThat(crashAt).as("mutations of a whole replace restore").isBetween(20, MAX_MUTATIONS - 1);
        assertThat(rolledBackAfterTheClaimWasReplaced).as("aborts that had to put the old volume back")
                .isGreaterThan(0);
    }

    /** The app's claim; with {@code firstConsumer} its StorageClass binds only once a pod is scheduled. */
    private static RestoreFixture fixture(boolean firstConsumer) {
        RestoreFixture f = new RestoreFixture();
        if (firstConsumer) {
            f.cluster.waitForFirstConsumer();   // the new claim stays Pending while the app is down
        }
        return f;
    }

    private static Optional<RestoreResult> start(RestoreFixture f, CrashingClusterActions writer) {
        return f.restoreCrashing(writer, RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.AsOf(RestoreFixture.S2_AT.plusSeconds(60))).withMode(RestoreMode.REPLACE));
    }

    /** The cluster as it was before the restore: the claim's uid, PV and {@code dataSourceRef}, claims and PVs. */
    private record Before(String claimUid, String volume, String dataSourceRef, String reclaimPolicy,
                          List<String> claims, List<String> volumes) {
        static Before of(RestoreFixture f) {
            String pv = f.cluster.claimVolume(NS, APP).orElseThrow();
            return new Before(f.cluster.claimUid(NS, APP), pv, f.cluster.claimDataSourceRef(NS, APP),
                    f.cluster.volume(pv).orElseThrow().split("\\|")[0], claims(f), volumes(f));
        }

        static List<String> claims(RestoreFixture f) {
            return f.cluster.client().persistentVolumeClaims().inNamespace(NS).list().getItems().stream()
                    .map(c -> c.getMetadata().getName()).sorted().toList();
        }

        static List<String> volumes(RestoreFixture f) {
            return f.cluster.client().persistentVolumes().list().getItems().stream()
                    .map(v -> v.getMetadata().getName()).sorted().toList();
        }
    }

    /** Nothing was changed: the same claim on the same volume, with the original data. */
    private static void assertUntouched(RestoreFixture f, Before before, String at) {
        assertThat(f.cluster.claimUid(NS, APP)).as(at).isEqualTo(before.claimUid());
        assertThat(f.cluster.claimVolume(NS, APP)).as(at).contains(before.volume());
        assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("original");
        assertThat(Before.volumes(f)).as(at).isEqualTo(before.volumes());
    }

    /**
     * The claim was re-created (new uid, Git's {@code dataSourceRef}) and populated from a new image holding the
     * pinned snapshot; the old PV is kept with reclaim policy Retain for the operator to delete.
     */
    private static void assertReplaced(RestoreFixture f, Before before, String pinned, String at) {
        assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("snapshot:" + pinned);
        assertThat(f.cluster.claimUid(NS, APP)).as(at).isNotEqualTo(before.claimUid());
        assertThat(f.cluster.claimDataSourceRef(NS, APP)).as(at).isEqualTo(before.dataSourceRef());
        String pv = f.cluster.claimVolume(NS, APP).orElseThrow();
        assertThat(pv).as(at).isNotEqualTo(before.volume());
        assertThat(f.cluster.volume(pv)).as(at).get().asString().contains("|" + NS + "/volsync-" + RD + "-dest-");
        assertThat(f.cluster.volume(before.volume())).as(at + ": the old volume is retained").get().asString()
                .startsWith("Retain|");
    }

    /**
     * The claim is back on its old PersistentVolume with the original data and Git's {@code dataSourceRef}; that
     * volume has its reclaim policy from before the restore again; the volume the populator provisioned for the new
     * claim is gone.
     */
    private static void assertRolledBack(RestoreFixture f, Before before, String at) {
        assertThat(f.cluster.content(NS, APP)).as(at).isEqualTo("original");
        assertThat(f.cluster.claimVolume(NS, APP)).as(at).contains(before.volume());
        assertThat(f.cluster.claimDataSourceRef(NS, APP)).as(at).isEqualTo(before.dataSourceRef());
        assertThat(f.cluster.volume(before.volume())).as(at + ": the reclaim policy is put back").get().asString()
                .startsWith(before.reclaimPolicy() + "|");
        assertThat(Before.volumes(f)).as(at).isEqualTo(before.volumes());
    }

    /**
     * The app runs again as before: Flux and the RS resumed, replicas restored, no journal or Lease, the bootstrap RD
     * idle (no {@code restoreAsOf}/{@code previous}), no temporary RD or claim, and of the VolumeSnapshots rewind
     * creates only the safety snapshot (kept on purpose, labelled {@code volsync.backube/do-not-delete}).
     */
    private static void assertResumed(RestoreFixture f, Before before, String at) {
        f.cluster.step();   // the workload controller brings the pods back
        assertThat(f.cluster.suspended("Kustomization", "flux-system", APP)).as(at).isFalse();
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).as(at).isFalse();
        assertThat(f.cluster.sourcePaused(NS, APP)).as(at).isFalse();
        assertThat(Map.copyOf(f.cluster.sourceTrigger(NS, APP))).as(at).doesNotContainKey("manual");
        assertThat(f.cluster.replicas(NS, APP)).as(at).isEqualTo(2);
        assertThat(f.cluster.configMapExists(NS, JOURNAL)).as(at).isFalse();
        assertThat(f.cluster.leaseExists(NS, JOURNAL)).as(at).isFalse();
        assertThat(f.cluster.replicationDestinations(NS)).as(at).containsExactly(RD);
        @SuppressWarnings("unchecked")
        Map<String, Object> kopia = (Map<String, Object>) f.cluster.destinationSpec(NS, RD).get("kopia");
        assertThat(kopia).as(at).doesNotContainKeys("restoreAsOf", "previous");
        assertThat(Before.claims(f)).as(at).isEqualTo(before.claims());
        assertThat(f.cluster.volumeSnapshots(NS)).as(at).filteredOn(s -> s.contains("-rewind-"))
                .allMatch(s -> s.startsWith(APP + "-rewind-") && s.endsWith("-safety")).hasSizeLessThanOrEqualTo(1);
    }
}
