package dev.rewind.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DrillPhaseTest {
    @Test
    void everyWorkingPhaseCanFailIntoCleanupAndCleanupIsLast() {
        for (DrillPhase phase : DrillPhase.values()) {
            if (phase != DrillPhase.CLEANUP) {
                assertThat(phase.canMoveTo(DrillPhase.CLEANUP)).as(phase.name()).isTrue();
            }
        }
        assertThat(DrillPhase.CLEANUP.next()).isEmpty();
        assertThat(DrillPhase.PLAN.next()).containsExactlyInAnyOrder(DrillPhase.PREPARE, DrillPhase.CLEANUP);
        assertThat(DrillPhase.CHECK.canMoveTo(DrillPhase.RESTORE)).isFalse();
        assertThat(Arrays.stream(DrillPhase.values()).filter(p -> p.canMoveTo(DrillPhase.PLAN))).isEmpty();
    }
}
