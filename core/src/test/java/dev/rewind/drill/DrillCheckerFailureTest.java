package dev.rewind.drill;

import static dev.rewind.drill.DrillFixture.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checker pods that cannot count (issue: {@code find | wc -l} hid find's failure, and a Pending checker ended in a
 * bare timeout): an unreadable directory fails CHECK with PARTIAL, an image that cannot be pulled fails at once with
 * the waiting reason, and a checker stuck Pending times out naming its reason and message.
 */
class DrillCheckerFailureTest {
    private static final String CHECKER = "Pod " + SANDBOX + "/paperless-ngx-drill-20261130170000-check";
    private final DrillFixture f = new DrillFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private DrillOutcome.Failed failedDrill() {
        DrillResult result = f.drill(new DrillSelection.Generation(DrillGeneration.NEWEST));
        assertThat(f.sandboxLeftovers()).isEmpty();
        assertThat(result.outcome()).isInstanceOf(DrillOutcome.Failed.class);
        return (DrillOutcome.Failed) result.outcome();
    }

    @Test
    void aDirectoryTheCheckerCannotReadFailsTheCheckAsPartial() {
        f.cluster.checkers().unreadable();

        DrillOutcome.Failed failed = failedDrill();

        assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
        assertThat(failed.reason()).isEqualTo(Reason.PARTIAL);
        assertThat(failed.message()).contains(CHECKER).contains("could not read all of the restored volume")
                .contains("find: ./media/private: Permission denied");
    }

    @Test
    void anImageThatCannotBePulledFailsAtOnceWithTheWaitingReason() {
        f.cluster.checkers().pending("ImagePullBackOff", "Back-off pulling image \"busybox:1.37\"");

        Duration before = Duration.between(DrillFixture.NOW, f.clock.instant());
        DrillOutcome.Failed failed = failedDrill();

        assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
        assertThat(failed.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(failed.message()).contains(CHECKER).contains("cannot start: ImagePullBackOff: Back-off pulling");
        assertThat(Duration.between(DrillFixture.NOW, f.clock.instant()).minus(before))
                .isLessThan(DrillSettings.defaults().checkTimeout());
    }

    @Test
    void aCheckerStuckPendingTimesOutNamingItsReason() {
        f.cluster.checkers().pending("ContainerCreating", "waiting for volume data to attach");

        DrillOutcome.Failed failed = failedDrill();

        assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
        assertThat(failed.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(failed.message()).contains("waiting for " + CHECKER + " to terminate; it is Pending"
                + " (ContainerCreating: waiting for volume data to attach)");
    }
}
