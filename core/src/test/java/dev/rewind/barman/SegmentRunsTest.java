package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentRunsTest {

    @Test
    void inventoryOfAHundredThousandSegmentsIsOneRangePerTimeline() {
        WalSegmentSize size = WalSegmentSize.DEFAULT;
        var listing = java.util.stream.LongStream.range(0, 120_000).mapToObj(segno -> {
            WalName name = WalName.fromSegmentNumber(1, 0x300 + segno, size);
            return new dev.rewind.storage.BlobMetadata(dev.rewind.storage.BlobId.of("pg/wals/" + name.hashDir() + "/"
                    + name + ".zst"), 1000, Instant.ofEpochSecond(segno));
        });
        WalInventory inventory = WalInventory.scan(listing, "pg/wals/", size);
        assertThat(inventory.segmentCount()).isEqualTo(120_000);
        assertThat(inventory.ranges(1)).singleElement().satisfies(r -> {
            assertThat(r.first()).hasToString("000000010000000300000000");
            assertThat(r.count()).isEqualTo(120_000);
        });
        assertThat(inventory.anomalyCount()).isZero();
    }

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
