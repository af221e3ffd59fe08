package dev.rewind.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CheckerPodTest {
    @Test
    void parsesTheMarkerLinesAndIgnoresTheCommandsOutput() {
        CheckerPod.Report report = CheckerPod.parse("""
                rewind-drill files=4
                rewind-drill bytes=36890
                rewind-drill files are fine=yes
                ok
                rewind-drill check-exit=3
                """);

        assertThat(report.counts()).contains(new DrillCounts(4, 36_890));
        assertThat(report.checkCommandExit()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void missingOrGarbledCountsAreAbsent() {
        assertThat(CheckerPod.parse("rewind-drill files=4\n").counts()).isEmpty();
        assertThat(CheckerPod.parse("rewind-drill files=4\nrewind-drill bytes=12x\n").counts())
                .isEqualTo(Optional.empty());
        assertThat(CheckerPod.parse("").checkCommandExit()).isEmpty();
    }

    @Test
    void theCheckCommandComesFromTheEnvironmentNotTheScript() {
        var pod = CheckerPod.manifest("rewind-drills", new DrillNames("app", "ns", "20261130170000"),
                "busybox:1.37", Optional.empty(), Optional.of("echo '$(rm -rf /)'"));

        assertThat(CheckerPod.SCRIPT).doesNotContain("rm -rf");
        assertThat(pod.document().toString()).contains("CHECK_COMMAND").contains("restartPolicy=Never");
    }
}
