package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreJournalTest {

    @Test
    void roundTripsThroughConfigMapData() {
        try (RestoreFixture f = new RestoreFixture(3)) {
            f.cluster.setSuspended("Kustomization", "flux-system", APP, true);
            RestorePlan plan = f.planner().plan(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(1)));
            RestoreJournal journal = RestoreJournal.start(plan, RestoreFixture.NOW)
                    .withFailure(new RestoreJournal.Failure(RestorePhase.RESTORE, Reason.PARTIAL, "nothing, restored"))
                    .withPhase(RestorePhase.ROLLBACK);

            Map<String, String> data = journal.toData();
            RestoreJournal back = RestoreJournal.fromData(data);

            assertThat(back.toData()).isEqualTo(data);
            assertThat(back.workloads()).extracting(w -> w.kind() + "/" + w.namespace() + "/" + w.name() + "="
                    + w.replicas()).containsExactly("STATEFUL_SET/default/paperless-ngx=3");
            assertThat(back.suspendedByRewind()).isEqualTo(journal.suspendedByRewind());
            assertThat(back.failure()).isEqualTo(journal.failure());
            assertThat(back.destination().name()).isEqualTo(plan.destination().name());
            assertThat(data).containsEntry("originalReplicas", "StatefulSet/paperless-ngx=3")
                    .containsEntry("suspendedByRewind", "HelmRelease/default/paperless-ngx")
                    .containsEntry("alreadySuspended", "Kustomization/flux-system/paperless-ngx")
                    .containsEntry("snapshotStartTime", "2026-11-29T02:00:00.25Z")
                    .containsEntry("manualTag", plan.manualTag())
                    .containsEntry("phase", "ROLLBACK");
        }
    }

    @Test
    void aJournalMissingAKeyIsCorruptNamingTheKey() {
        Map<String, String> data = new HashMap<>(Map.of("app", "x", "namespace", "y"));
        assertThatThrownBy(() -> RestoreJournal.fromData(data)).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("'phase'");
        });
    }
}
