package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.LeaseRecord;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import dev.rewind.restore.wholeapp.AppRestoreService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issues 2 and 3: the whole-app restore keeps its Lease through the nested volume restore, and the volume and
 * whole-app restores of one app see each other's journals.
 */
class WholeAppIsolationTest {
    private static final String WHOLE_APP = "rewind-apprestore-" + APP;
    private static final String VOLUME = "rewind-restore-" + APP;

    private final WholeAppFixture x;

    WholeAppIsolationTest() throws Exception {
        x = new WholeAppFixture();
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    @Test
    void issue2TheWholeAppLeaseNeverLapsesDuringTheVolumeRestoreAndTheJournalRecordsItsTag() {
        x.leaseDuration = Duration.ofSeconds(30);
        x.f.cluster.moverSteps(40);
        List<String> lapses = new ArrayList<>();
        List<Instant> nestedAt = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        x.onSleep.add(() -> {
            Optional<Map<String, String>> volume = x.f.cluster.writer().findConfigMap(NS, VOLUME);
            if (volume.isEmpty()) {
                return;
            }
            Instant now = x.f.clock.instant();
            nestedAt.add(now);
            Optional<LeaseRecord> lease = x.f.cluster.writer().findLease(NS, WHOLE_APP);
            if (lease.isEmpty() || !lease.get().renewedAt().plus(lease.get().duration()).isAfter(now)) {
                lapses.add(now + " in volume phase " + volume.get().get("phase"));
            }
            tags.add(volume.get().get("manualTag") + " = " + x.f.cluster.writer().findConfigMap(NS, WHOLE_APP)
                    .map(d -> d.get("volumeTag")).orElse("?"));
        });

        AppRestoreResult result = x.service().restore(WholeAppFixture.request(T));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        // the nested run lasted several lease durations, and the lease never lapsed
        assertThat(lapses).isEmpty();
        assertThat(Duration.between(nestedAt.getFirst(), nestedAt.getLast())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(90));
        assertThat(tags).isNotEmpty().allSatisfy(t -> {
            String[] parts = t.split(" = ");
            assertThat(parts[1]).isEqualTo(parts[0]);
        });
    }

    @Test
    void issue2AJournalSomeoneElseWroteMidRunStopsTheRunInsteadOfBeingOverwritten() {
        List<Boolean> written = new ArrayList<>();
        x.onSleep.add(() -> {
            Optional<Map<String, String>> journal = x.f.cluster.writer().findConfigMap(NS, WHOLE_APP);
            if (written.isEmpty() && journal.isPresent()) {
                // another run (say an --abort after the Lease lapsed) writes the journal while this one waits
                Map<String, String> other = new java.util.HashMap<>(journal.get());
                other.put("failure", "aborted by the operator");
                x.f.cluster.writer().putConfigMap(NS, WHOLE_APP, Map.of(), other);
                written.add(true);
            }
        });

        AppRestoreResult result = x.service().restore(WholeAppFixture.request(T));

        assertThat(written).containsExactly(true);
        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.Interrupted.class,
                i -> assertThat(i.reason()).isEqualTo(Reason.CONFLICT));
        assertThat(x.f.cluster.configMap(NS, WHOLE_APP)).containsEntry("failure", "aborted by the operator");
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("original");
    }

    @Test
    void issue3aAVolumeRestoreIsRefusedWhileAWholeAppRestoreIsJournalled() {
        x.f.cluster.writer().putConfigMap(NS, WHOLE_APP, Map.of(), Map.of("phase", "RECOVER_DATABASE"));
        x.f.cluster.clearRequests();

        assertThatThrownBy(() -> x.f.planner().plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.AsOf(T))))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("ConfigMap " + WHOLE_APP);
                });
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
    }

    private void interruptedWhileTheDatabaseRecovers() {
        x.world.pauseCnpg(true);
        AppRestoreResult first = x.service(e -> e, Duration.ofMinutes(2)).restore(WholeAppFixture.request(T));
        assertThat(first.outcome()).isInstanceOf(RestoreOutcome.Interrupted.class);
        x.world.pauseCnpg(false);
    }

    private void foreignVolumeJournal() {
        x.f.cluster.writer().putConfigMap(NS, VOLUME, Map.of(), Map.of("phase", "QUIESCE", "snapshotId",
                "k0123456789abcdef", "manualTag", "restore-someone-else"));
    }

    @Test
    void issue3bResumeRefusesAVolumeJournalOfAnotherSnapshot() {
        interruptedWhileTheDatabaseRecovers();
        foreignVolumeJournal();

        AppRestoreResult resumed = x.service().resume(APP, NS);

        assertThat(resumed.outcome()).isInstanceOfSatisfying(RestoreOutcome.Interrupted.class, i -> {
            assertThat(i.reason()).isEqualTo(Reason.CONFLICT);
            assertThat(i.message()).contains("ConfigMap " + NS + "/" + VOLUME)
                    .contains("snapshot k0123456789abcdef");
        });
        // the foreign volume restore is not adopted: its journal is untouched, the app still runs on its volume
        assertThat(x.f.cluster.configMap(NS, VOLUME)).containsEntry("manualTag", "restore-someone-else")
                .containsEntry("phase", "QUIESCE");
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(x.f.cluster.configMapExists(NS, WHOLE_APP)).isTrue();
    }

    @Test
    void issue3bAbortLeavesAVolumeJournalOfAnotherSnapshotAlone() {
        interruptedWhileTheDatabaseRecovers();
        foreignVolumeJournal();
        AppRestoreService service = x.service();

        AppRestoreResult aborted = service.abort(APP, NS);

        assertThat(aborted.outcome()).isInstanceOf(RestoreOutcome.RolledBack.class);
        assertThat(aborted.volume()).isEmpty();
        assertThat(aborted.notes()).anySatisfy(n -> assertThat(n).contains(VOLUME).contains("left alone"));
        assertThat(x.f.cluster.configMap(NS, VOLUME)).containsEntry("manualTag", "restore-someone-else");
        assertThat(x.f.cluster.configMapExists(NS, WHOLE_APP)).isFalse();
    }
}
