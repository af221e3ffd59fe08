package dev.rewind.kopia.index;

import static dev.rewind.kopia.index.TestEntries.id;
import static dev.rewind.kopia.index.TestEntries.v1;
import static dev.rewind.kopia.index.TestEntries.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PackIndexRoundTripTest {
    private static final BlobId BLOB = BlobId.of("xn0_00112233445566778899aabbccddeeff-s0123456789abcdef-c1");
    private static final String PACK_A = "p0123456789abcdef0123456789abcdef-s0011223344556677";
    private static final String PACK_B = "q00000000000000000000000000000001-s0011223344556677";

    private static List<IndexEntry> entriesOf(PackIndex index) {
        return IntStream.range(0, index.entryCount()).mapToObj(index::entryAt).toList();
    }

    private static List<IndexEntry> sorted(List<IndexEntry> entries) {
        var copy = new ArrayList<>(entries);
        copy.sort((a, b) -> a.contentId().compareTo(b.contentId()));
        return copy;
    }

    @Test
    void v2RoundTripWithSeveralPacksAndPrefixes() {
        List<IndexEntry> entries = List.of(
                v2(id('m', 5), PACK_B, 0, 675, 647, 1_769_161_106L, false),
                v2(id(3), PACK_A, 4096, 1028, 1000, 1_769_161_100L, false),
                v2(id('k', 1), PACK_B, 675, 300, 272, 1_769_161_107L, true),
                v2(id(1), PACK_A, 0, 4096, 4068, 1_769_161_101L, false),
                v2(id('x', 9), PACK_B, (1L << 30) - 1, 28, 0, 0, false));

        byte[] bytes = IndexV2Writer.write(entries);
        PackIndex index = PackIndex.parse(BLOB, bytes);

        assertThat(((PackIndexV2) index).entrySize()).isEqualTo(16);
        assertThat(entriesOf(index)).isEqualTo(sorted(entries));
        assertThat(index.entries()).isEqualTo(sorted(entries));
        assertThat(entriesOf(index).get(0).contentId()).isEqualTo(id(1)); // non-prefixed IDs sort first
        assertThat(index.find(id('k', 1))).contains(entries.get(2));
        assertThat(index.find(id('k', 2))).isEmpty();
        assertThat(index.find(id(2))).isEmpty();
    }

    @Test
    void v2UsesFormatByteWhenFormatsDiffer() {
        List<IndexEntry> entries = List.of(
                new IndexEntry(id(1), BlobId.of(PACK_A), 0, 100, 500, 10, false, 0x1100, 2, 0, 2),
                new IndexEntry(id(2), BlobId.of(PACK_A), 100, 100, 100, 10, false, 0, 2, 0, 2),
                new IndexEntry(id(3), BlobId.of(PACK_B), 0, 100, 900, 10, false, 0x1500, 2, 0, 2));

        PackIndex index = PackIndex.parse(BLOB, IndexV2Writer.write(entries));

        assertThat(((PackIndexV2) index).entrySize()).isEqualTo(17);
        assertThat(entriesOf(index)).isEqualTo(entries);
    }

    @Test
    void v2UsesHighLengthNibblesForContentsOfSixteenMebibytesAndMore() {
        long big = (1L << 28) - 1;
        List<IndexEntry> entries = List.of(
                v2(id(1), PACK_A, 0, 16L << 20, big, 10, false),
                v2(id(2), PACK_A, 16L << 20, big, 17L << 20, 11, false),
                v2(id(3), PACK_B, 0, 10, 10, 12, false));

        byte[] bytes = IndexV2Writer.write(entries);
        PackIndex index = PackIndex.parse(BLOB, bytes);

        assertThat(((PackIndexV2) index).entrySize()).isEqualTo(19);
        assertThat(bytes[2] << 8 | bytes[3]).isEqualTo(19);
        assertThat(entriesOf(index)).isEqualTo(entries);
    }

    @Test
    void v2UsesExtendedPackIndexBeyond65536Packs() {
        int packs = (1 << 16) + 2;
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < packs; i++) {
            entries.add(v2(id(i), String.format("p%032x", i), 0, 100, 72, 1000 + i, false));
        }

        PackIndex index = PackIndex.parse(BLOB, IndexV2Writer.write(entries));

        assertThat(((PackIndexV2) index).entrySize()).isEqualTo(18);
        assertThat(index.entryAt(packs - 1)).isEqualTo(entries.get(packs - 1));
        assertThat(index.find(id(65_537)).orElseThrow().packBlobId().value()).isEqualTo(String.format("p%032x", 65_537));
    }

    @Test
    void v2IgnoresTrailingBytesLikePackLocalIndexes() {
        List<IndexEntry> entries = List.of(v2(id(1), PACK_A, 10, false), v2(id(2), PACK_B, 11, true));
        byte[] written = IndexV2Writer.write(entries);
        byte[] withSuffix = Arrays.copyOf(written, written.length + 32);
        Arrays.fill(withSuffix, written.length, withSuffix.length, (byte) 0xa5);

        assertThat(entriesOf(PackIndex.parse(BLOB, withSuffix))).isEqualTo(entries);
    }

    @Test
    void v2HonoursBaseTimestamp() {
        byte[] bytes = IndexV2Writer.write(List.of(v2(id(1), PACK_A, 5, false)));
        bytes[16] = 100; // base timestamp 100 (big-endian, last header byte)

        assertThat(PackIndex.parse(BLOB, bytes).entryAt(0).timestampSeconds()).isEqualTo(105);
    }

    @Test
    void v1RoundTrip() {
        List<IndexEntry> entries = List.of(
                v1(id('m', 7), PACK_B, 0, 675, (1L << 40) + 3, false),
                v1(id(9), PACK_A, 0x7fff_ffffL, 0xffff_fff0L, 1_600_000_000L, true),
                v1(id(2), PACK_A, 4096, 1028, 1_600_000_001L, false));

        byte[] bytes = IndexV1Writer.write(entries);
        PackIndex index = PackIndex.parse(BLOB, bytes);

        assertThat(index).isInstanceOf(PackIndexV1.class);
        assertThat(bytes).startsWith(1, 17, 0, 20, 0, 0, 0, 3);
        assertThat(entriesOf(index)).isEqualTo(sorted(entries));
        assertThat(index.find(id(9)).orElseThrow().hasOriginalLength()).isFalse();
        assertThat(index.find(id(10))).isEmpty();
    }

    @Test
    void emptyV1Index() {
        byte[] bytes = IndexV1Writer.write(List.of());

        assertThat(bytes).containsExactly(1, 255, 0, 20, 0, 0, 0, 0);
        PackIndex index = PackIndex.parse(BLOB, bytes);
        assertThat(index.entryCount()).isZero();
        assertThat(index.find(id(1))).isEmpty();
    }

    @Test
    void binarySearchFindsEveryEntryOfALargeIndex() {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add(v2(id(i * 7L + 1), i % 2 == 0 ? PACK_A : PACK_B, i, 100, 72, 1000 + i, false));
        }
        Collections.shuffle(entries, new java.util.Random(1));
        PackIndex index = PackIndex.parse(BLOB, IndexV2Writer.write(entries));

        for (IndexEntry e : entries) {
            assertThat(index.find(e.contentId())).contains(e);
        }
        assertThat(index.find(id(0))).isEmpty();
        assertThat(index.find(id(2))).isEmpty();
        assertThat(index.find(id(5000L * 7 + 1))).isEmpty();
        assertThat(index.find(ContentId.parse("00112233445566778899aabbccddeeff0011"))).isEmpty(); // other key size
    }
}
