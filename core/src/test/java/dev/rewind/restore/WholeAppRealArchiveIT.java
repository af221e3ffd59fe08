package dev.rewind.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.restore.wholeapp.AppRestorePlan;
import dev.rewind.restore.wholeapp.ConsistencyReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-app plan's window and T checks against a REAL barman-cloud archive (PostgreSQL + barman-cli-cloud,
 * {@link RealArchiveFixture}: backups 20261130T165015 and 20261130T165033, WAL on timelines 1 and 2) served by an
 * in-JVM S3 server behind the reference cluster's ObjectStore: which base backup a T pins, where the window starts,
 * and that a T before it is refused naming the real window.
 */
class WholeAppRealArchiveIT {
    private final WholeAppFixture x;

    WholeAppRealArchiveIT() throws Exception {
        x = new WholeAppFixture();
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    private AppRestorePlan plan(Instant t) {
        return x.service().restore(WholeAppRestoreTest.dryRun(WholeAppFixture.request(t))).plan().orElseThrow();
    }

    @Test
    void aTargetBetweenTheTwoRealBackupsPinsTheFirst() {
        Instant t = RealArchiveFixture.EARLIEST.plusSeconds(5);

        AppRestorePlan plan = plan(t);

        ConsistencyReport report = plan.consistency();
        assertThat(report.baseBackupId()).isEqualTo(RealArchiveFixture.FIRST_BACKUP);
        assertThat(report.window()).get().satisfies(w -> {
            assertThat(w.earliestAt()).isEqualTo(RealArchiveFixture.EARLIEST);
            assertThat(w.contains(t)).isTrue();
        });
        assertThat(report.targetInWindow()).isTrue();
        assertThat(plan.database().spec().targetTime()).isEqualTo(t.toString());
        assertThat(plan.database().evidence().firstWal().toString()).startsWith("00000001");
    }

    @Test
    void aLaterTargetPinsTheSecondBackupAndFollowsTheTimelineSwitch() {
        AppRestorePlan plan = plan(WholeAppFixture.T);

        assertThat(plan.consistency().baseBackupId()).isEqualTo(RealArchiveFixture.SECOND_BACKUP);
        assertThat(plan.database().evidence().walUntil().toString()).startsWith("00000002");
        assertThat(plan.consistency().gap()).isEqualTo(Duration.between(RestoreFixture.S3_AT, WholeAppFixture.T));
        assertThat(plan.database().spec().newServerName()).isEqualTo(WholeAppRestoreTest.NEW_CLUSTER);
    }

    @Test
    void aTargetJustBeforeTheRealWindowIsRefused() {
        Instant t = RealArchiveFixture.EARLIEST.minusSeconds(1);

        assertThatThrownBy(() -> plan(t)).isInstanceOfSatisfying(RewindException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains(RealArchiveFixture.EARLIEST.toString());
        });
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
    }
}
