package dev.rewind.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorePhaseTest {

    @Test
    void theHappyPathIsAChainOfAllowedTransitions() {
        RestorePhase[] path = {RestorePhase.PREFLIGHT, RestorePhase.LIST_SNAPSHOTS, RestorePhase.QUIESCE,
                RestorePhase.SAFETY_POINT, RestorePhase.RESTORE, RestorePhase.CLEANUP, RestorePhase.RESUME,
                RestorePhase.POST_VERIFY};
        for (int i = 0; i + 1 < path.length; i++) {
            assertThat(path[i].canMoveTo(path[i + 1])).as(path[i] + " → " + path[i + 1]).isTrue();
        }
        assertThat(RestorePhase.POST_VERIFY.next()).isEmpty();
    }

    @Test
    void everyPhaseAfterQuiesceReachesResume() {
        for (RestorePhase start : EnumSet.of(RestorePhase.QUIESCE, RestorePhase.SAFETY_POINT, RestorePhase.RESTORE,
                RestorePhase.CLEANUP, RestorePhase.ROLLBACK)) {
            assertThat(reachable(start)).as(start.name()).contains(RestorePhase.RESUME).contains(RestorePhase.POST_VERIFY);
        }
    }

    @Test
    void rollbackOnlyLeadsToResumeAndCannotBeSkippedAfterDataWasTouched() {
        assertThat(RestorePhase.ROLLBACK.next()).containsExactly(RestorePhase.RESUME);
        assertThat(RestorePhase.RESTORE.canMoveTo(RestorePhase.RESUME)).isFalse();
        assertThat(RestorePhase.RESTORE.mayHaveTouchedData()).isTrue();
        assertThat(RestorePhase.SAFETY_POINT.mayHaveTouchedData()).isFalse();
        assertThat(RestorePhase.LIST_SNAPSHOTS.canMoveTo(RestorePhase.RESTORE)).isFalse();
        assertThat(RestorePhase.PREFLIGHT.mutates()).isFalse();
    }

    private static Set<RestorePhase> reachable(RestorePhase from) {
        Set<RestorePhase> seen = EnumSet.noneOf(RestorePhase.class);
        ArrayDeque<RestorePhase> queue = new ArrayDeque<>(from.next());
        while (!queue.isEmpty()) {
            RestorePhase p = queue.poll();
            if (seen.add(p)) {
                queue.addAll(p.next());
            }
        }
        return seen;
    }
}
