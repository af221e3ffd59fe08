package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineHistoryTest {

    @Test
    void parsesAncestryWithCommentsAndBlankLines() {
        TimelineHistory history = TimelineHistory.parse(3, """
                # comment
                1\t3/7000120\tno recovery target specified

                2\t4/10000000\tbefore 2026-08-21 14:05:00+00
                """, "pg/wals/00000003.history");
        assertThat(history.ancestors()).containsExactly(
                new TimelineHistory.Switch(1, Lsn.parse("3/7000120"), "no recovery target specified"),
                new TimelineHistory.Switch(2, Lsn.parse("4/10000000"), "before 2026-08-21 14:05:00+00"));
        assertThat(history.parent().orElseThrow().parentTimeline()).isEqualTo(2);
    }

    @Test
    void pathFollowsTheAncestry() {
        var graph = new TimelineGraph(Map.of(
                2L, TimelineHistory.parse(2, "1\t3/7000120\tx\n", "h2"),
                3L, TimelineHistory.parse(3, "1\t3/7000120\tx\n2\t4/10000000\ty\n", "h3")));
        assertThat(graph.path(1, 3).orElseThrow()).containsExactly(
                new TimelineHop(1, 2, Lsn.parse("3/7000120")), new TimelineHop(2, 3, Lsn.parse("4/10000000")));
        assertThat(graph.path(2, 3).orElseThrow()).containsExactly(new TimelineHop(2, 3, Lsn.parse("4/10000000")));
        assertThat(graph.path(3, 3).orElseThrow()).isEmpty();
        assertThat(graph.path(3, 2)).isEmpty();
        assertThat(graph.path(1, 4)).isEmpty();
        assertThat(graph.childHops(1)).containsExactly(new TimelineHop(1, 2, Lsn.parse("3/7000120")));
        assertThat(List.of(graph.childHops(3))).containsExactly(List.of());
    }

    @Test
    void malformedLinesAreCorruptNamingTheFile() {
        for (String bad : new String[] {"1 nonsense\n", "x\t0/1\treason\n", "5\t0/1\tparent not older\n", ""}) {
            assertThatThrownBy(() -> TimelineHistory.parse(2, bad, "pg/wals/00000002.history.gz"))
                    .as(bad).isInstanceOf(RewindException.class)
                    .hasMessageContaining("pg/wals/00000002.history.gz")
                    .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
        }
    }
}
