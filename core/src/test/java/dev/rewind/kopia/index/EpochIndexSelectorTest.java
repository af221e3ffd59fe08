package dev.rewind.kopia.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochIndexSelectorTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final List<BlobMetadata> listing = new ArrayList<>();

    private String add(BlobId id) {
        listing.add(new BlobMetadata(id, 100, T));
        return id.value();
    }

    private static String hash(int n) {
        return String.format("%032x", n);
    }

    private String xn(int epoch, int n, String session, int count) {
        return add(IndexBlobNames.uncompacted(epoch, hash(n), session, count));
    }

    private String xs(int epoch, int n, String set, int count) {
        return add(IndexBlobNames.singleEpochCompaction(epoch, hash(n), set, count));
    }

    private String xr(int min, int max, int n, String set, int count) {
        return add(IndexBlobNames.rangeCheckpoint(min, max, hash(n), set, count));
    }

    private void markers(int upTo) {
        for (int e = 1; e <= upTo; e++) {
            add(IndexBlobNames.epochMarker(e));
        }
    }

    private List<String> selected() {
        return EpochIndexSelector.select(listing).indexBlobs().stream().map(b -> b.id().value()).toList();
    }

    @Test
    void freshRepositoryReadsEveryUncompactedBlobIncludingIncompleteSets() {
        String a = xn(0, 1, "s1111", 1);
        String b = xn(0, 2, "s2222", 2); // incomplete set: kopia still reads it
        String c = xn(1, 3, "s3333", 1); // writeEpoch + 1 is read too
        xn(2, 4, "s4444", 1); // beyond writeEpoch + 1: ignored

        assertThat(selected()).containsExactlyInAnyOrder(a, b, c);
        assertThat(EpochIndexSelector.select(listing).deletionWatermarkAt()).isEmpty();
    }

    @Test
    void settledEpochsUseTheirCompactionUnsettledOnesTheirUncompactedBlobs() {
        markers(5);
        for (int e = 0; e <= 6; e++) {
            xn(e, 100 + e, "s" + e, 1);
        }
        String xs0 = xs(0, 200, "saaaa", 1);
        String xs1 = xs(1, 201, "sbbbb", 1);
        String xs3 = xs(3, 203, "sdddd", 1);
        xs(4, 204, "seeee", 1); // epoch 4 = writeEpoch - 1: not settled, compaction ignored

        assertThat(selected()).containsExactlyInAnyOrder(
                xs0, xs1, "xn2_" + hash(102) + "-s2-c1", xs3,
                "xn4_" + hash(104) + "-s4-c1", "xn5_" + hash(105) + "-s5-c1", "xn6_" + hash(106) + "-s6-c1");
    }

    @Test
    void incompleteCompactionFallsBackToUncompactedBlobs() {
        markers(4);
        String n2 = xn(2, 1, "s1", 1);
        xs(2, 2, "sffff", 2); // one of two shards written so far
        String xs1a = xs(1, 3, "saaaa", 2);
        String xs1b = xs(1, 4, "saaaa", 2);
        xn(1, 5, "s5", 1);

        assertThat(selected()).contains(n2, xs1a, xs1b).doesNotContain("xn1_" + hash(5) + "-s5-c1");
    }

    @Test
    void firstCompleteSetInListingOrderWins() {
        markers(3);
        xs(0, 1, "s0001", 2); // incomplete, listed first
        String b1 = xs(0, 2, "s0002", 2);
        String b2 = xs(0, 3, "s0002", 2);
        xs(0, 4, "s0003", 1); // complete too, but completes after s0002
        String malformed = add(BlobId.of("xs1_nodashes")); // malformed names are single-blob sets

        assertThat(selected()).contains(b1, b2, malformed).doesNotContain("xs0_" + hash(4) + "-s0003-c1");
    }

    @Test
    void rangeCheckpointReplacesTheEpochsItCovers() {
        markers(6);
        String r1 = xr(0, 3, 1, "sr01", 2);
        String r2 = xr(0, 3, 2, "sr01", 2);
        for (int e = 0; e <= 7; e++) {
            xs(e, 10 + e, "sc" + e, 1);
            xn(e, 20 + e, "s" + e, 1);
        }

        assertThat(selected()).containsExactlyInAnyOrder(r1, r2,
                "xs4_" + hash(14) + "-sc4-c1",
                "xn5_" + hash(25) + "-s5-c1", "xn6_" + hash(26) + "-s6-c1", "xn7_" + hash(27) + "-s7-c1");
    }

    @Test
    void longestChainOfRangesFromEpochZeroWithFewestRanges() {
        markers(12);
        String r03 = xr(0, 3, 1, "sa", 1);
        String r47 = xr(4, 7, 2, "sb", 1);
        xr(0, 5, 3, "sc", 1);
        xr(2, 9, 4, "sd", 1); // does not start a chain at 0
        xr(8, 9, 5, "se", 2); // incomplete

        assertThat(selected()).startsWith(r03, r47);

        String r07 = xr(0, 7, 6, "sf", 1); // same end, one range instead of two
        assertThat(selected()).startsWith(r07).doesNotContain(r03, r47);
    }

    @Test
    void rangeEndingAtEpochZeroIsNeverChosenAsInKopia() {
        markers(3);
        xr(0, 0, 1, "sa", 1);
        String xs0 = xs(0, 2, "sb", 1);

        assertThat(selected()).contains(xs0).noneMatch(id -> id.startsWith("xr"));
    }

    @Test
    void epochPrefixesAreMatchedExactly() {
        markers(1);
        String e1 = xn(1, 1, "s1", 1);
        xn(10, 2, "s2", 1);
        xn(11, 3, "s3", 1);

        assertThat(selected()).containsExactly(e1);
    }

    @Test
    void deletionWatermarkIsTheLargestValidOne() {
        add(IndexBlobNames.deletionWatermark(1_700_000_000L));
        add(IndexBlobNames.deletionWatermark(1_700_000_500L));
        add(BlobId.of("xwgarbage"));

        assertThat(EpochIndexSelector.select(listing).deletionWatermarkAt())
                .contains(Instant.ofEpochSecond(1_700_000_500L));
    }

    @Test
    void absurdWatermarkIsClampedNotFatal() {
        add(BlobId.of("xw99999999999999999"));

        assertThat(EpochIndexSelector.select(listing).deletionWatermarkAt())
                .contains(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
    }

    @Test
    void writeEpochIgnoresMalformedMarkers() {
        add(IndexBlobNames.epochMarker(2));
        add(BlobId.of("xe9x"));
        String n3 = xn(3, 1, "s1", 1);
        String n9 = xn(9, 2, "s2", 1);

        assertThat(selected()).contains(n3).doesNotContain(n9);
    }
}
