package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentRunsTest {

    @Test
    void foldsSegmentsAddedInAnyOrderIntoRuns() {
        var segnos = new ArrayList<Long>();
        for (long s = 0; s < 100_000; s++) {
            if (s != 500 && (s < 70_000 || s > 70_009)) {
                segnos.add(s);
            }
        }
        Collections.shuffle(segnos, new Random(42));
        var runs = new SegmentRuns();
        segnos.forEach(s -> runs.add(s, Instant.ofEpochSecond(s)));
        assertThat(runs.runs()).hasSize(3);
        assertThat(runs.runs().get(2).latestModifiedAt()).isEqualTo(Instant.ofEpochSecond(99_999));
        assertThat(runs.missing(0, 99_999)).containsExactly(new long[] {500, 500}, new long[] {70_000, 70_009});
        assertThat(runs.missing(501, 69_999)).isEmpty();
        assertThat(runs.missing(99_990, 100_005)).containsExactly(new long[] {100_000, 100_005});
        assertThat(runs.add(7, Instant.EPOCH)).isFalse();
        assertThat(runs.highest().getAsLong()).isEqualTo(99_999);
    }
}
