package dev.rewind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import dev.rewind.restore.RestoreOutcome;
import org.junit.jupiter.api.Test;

class RestoreExitCodeTest {
    @Test
    void aRunThatLeftItsJournalAlwaysExitsFiveWhateverStoppedIt() {
        for (Reason reason : new Reason[] {Reason.UNAVAILABLE, Reason.TIMEOUT, Reason.INTERNAL, Reason.CONFLICT}) {
            RestoreOutcome stopped = new RestoreOutcome.Interrupted(reason, "API server lost");

            assertThat(RestoreExitCode.of(stopped)).as("%s", reason).isEqualTo(5);
            assertThat(RestoreExitCode.leftJournal(stopped)).isTrue();
        }
    }

    @Test
    void ctrlCIs130AndFinishedRunsExitWithTheirReason() {
        assertThat(RestoreExitCode.of(new RestoreOutcome.Interrupted(Reason.INTERRUPTED, "Ctrl-C"))).isEqualTo(130);
        assertThat(RestoreExitCode.of(new RestoreOutcome.Succeeded())).isZero();
        assertThat(RestoreExitCode.of(new RestoreOutcome.RolledBack(Reason.PARTIAL, "restored nothing"))).isEqualTo(5);
        assertThat(RestoreExitCode.of(new RestoreOutcome.RolledBack(Reason.TIMEOUT, "mover deadline"))).isEqualTo(7);
        assertThat(RestoreExitCode.of(new RestoreOutcome.Failed(Reason.CORRUPT, "file count differs"))).isEqualTo(4);
        assertThat(RestoreExitCode.leftJournal(new RestoreOutcome.RolledBack(Reason.TIMEOUT, "x"))).isFalse();
    }
}
