package dev.rewind.restore.wholeapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppRestorePhaseTest {

    @Test
    void theHappyPathRecoversTheDatabaseBeforeTouchingTheVolume() {
        AppRestorePhase[] path = {AppRestorePhase.PREFLIGHT, AppRestorePhase.PLAN, AppRestorePhase.RECOVER_DATABASE,
                AppRestorePhase.RESTORE_VOLUME, AppRestorePhase.SWITCH_CONNECTION, AppRestorePhase.RESUME_APP,
                AppRestorePhase.COMPLETE};
        for (int i = 0; i + 1 < path.length; i++) {
            assertThat(path[i].canMoveTo(path[i + 1])).as(path[i] + " → " + path[i + 1]).isTrue();
        }
        assertThat(AppRestorePhase.PLAN.canMoveTo(AppRestorePhase.RESTORE_VOLUME)).isFalse();
        assertThat(AppRestorePhase.COMPLETE.next()).isEmpty();
    }

    @Test
    void everyStageThatChangesSomethingCanSwitchBackAndEnds() {
        for (AppRestorePhase p : EnumSet.of(AppRestorePhase.RECOVER_DATABASE, AppRestorePhase.RESTORE_VOLUME,
                AppRestorePhase.SWITCH_CONNECTION, AppRestorePhase.RESUME_APP)) {
            assertThat(p.canMoveTo(AppRestorePhase.SWITCH_BACK)).as(p.name()).isTrue();
        }
        Set<AppRestorePhase> seen = EnumSet.noneOf(AppRestorePhase.class);
        ArrayDeque<AppRestorePhase> queue = new ArrayDeque<>(Set.of(AppRestorePhase.SWITCH_BACK));
        while (!queue.isEmpty()) {
            AppRestorePhase p = queue.pop();
            if (seen.add(p)) {
                queue.addAll(p.next());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(AppRestorePhase.SWITCH_BACK, AppRestorePhase.COMPLETE);
    }
}
