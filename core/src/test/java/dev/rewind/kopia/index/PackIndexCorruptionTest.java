package dev.rewind.kopia.index;

import static dev.rewind.kopia.index.TestEntries.id;
import static dev.rewind.kopia.index.TestEntries.v1;
import static dev.rewind.kopia.index.TestEntries.v2;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class PackIndexCorruptionTest {
    private static final BlobId BLOB = BlobId.of("xn3_ffeeddccbbaa99887766554433221100-s0123456789abcdef-c1");
    private static final String PACK_A = "p0123456789abcdef0123456789abcdef-s0011223344556677";
    private static final String PACK_B = "q00000000000000000000000000000001-s0011223344556677";
    // 17-byte header, 3 entries of 17 + 16 bytes, 2 pack records, 1 format record, names
    private static final int V2_ENTRIES = 17;
    private static final int V2_PACKS = 17 + 3 * 33;
    private static final int V2_FORMATS = V2_PACKS + 2 * 5;

    private static byte[] v2Index() {
        return IndexV2Writer.write(List.of(
                v2(id(1), PACK_A, 10, false), v2(id(2), PACK_B, 11, false), v2(id('m', 3), PACK_A, 12, true)));
    }

    private static byte[] v1Index() {
        return IndexV1Writer.write(List.of(v1(id(1), PACK_A, 0, 100, 10, false), v1(id(2), PACK_B, 0, 100, 11, false)));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCorrupt(byte[] bytes, String why) {
        return assertThatThrownBy(() -> PackIndex.parse(BLOB, bytes))
                .isInstanceOf(RewindException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((RewindException) e).reason())
                        .isEqualTo(Reason.CORRUPT))
                .hasMessageContaining(BLOB.value())
                .hasMessageContaining(why);
    }

    @Test
    void emptyBlob() {
        assertCorrupt(new byte[0], "empty");
    }

    @Test
    void badVersionByte() {
        byte[] bytes = v2Index();
        bytes[0] = 3;
        assertCorrupt(bytes, "unknown index version 3");
        bytes[0] = 0;
        assertCorrupt(bytes, "unknown index version 0");
    }

    @Test
    void truncatedV2Header() {
        assertCorrupt(Arrays.copyOf(v2Index(), 16), "truncated index v2 header");
    }

    @Test
    void truncatedV2Entries() {
        assertCorrupt(Arrays.copyOf(v2Index(), V2_ENTRIES + 40), "truncated");
    }

    @Test
    void truncatedV2PackNames() {
        byte[] bytes = v2Index();
        assertCorrupt(Arrays.copyOf(bytes, bytes.length - 1), "outside the");
    }

    @Test
    void v2PackNameOffsetOutOfRange() {
        byte[] bytes = v2Index();
        bytes[V2_PACKS + 1] = 0x7f; // name offset of pack 0 → ~2 GiB
        assertCorrupt(bytes, "pack record 0");
    }

    @Test
    void v2EntryRefersToMissingPack() {
        byte[] bytes = v2Index();
        bytes[V2_ENTRIES + 17 + 15] = 2; // pack index of entry 0 = 2, only 2 packs
        assertCorrupt(bytes, "entry 0 refers to pack 2 of 2");
    }

    @Test
    void v2EntryCountLargerThanData() {
        byte[] bytes = v2Index();
        bytes[4] = 0x10; // entry count ~ 268 million
        assertCorrupt(bytes, "truncated");
    }

    @Test
    void v2InvalidEntrySize() {
        byte[] bytes = v2Index();
        bytes[3] = 20;
        assertCorrupt(bytes, "invalid entry size 20");
        bytes[3] = 15;
        assertCorrupt(bytes, "invalid entry size 15");
    }

    @Test
    void v2MissingFormatTable() {
        byte[] bytes = v2Index();
        bytes[12] = 0; // no formats, but entries need format 0
        assertCorrupt(bytes, "refers to format 0 of 0");
    }

    @Test
    void v2KeysOutOfOrder() {
        byte[] bytes = v2Index();
        // swap the hash of entry 0 and entry 1 (same prefix byte 0)
        byte[] first = Arrays.copyOfRange(bytes, V2_ENTRIES, V2_ENTRIES + 17);
        System.arraycopy(bytes, V2_ENTRIES + 33, bytes, V2_ENTRIES, 17);
        System.arraycopy(first, 0, bytes, V2_ENTRIES + 33, 17);
        assertCorrupt(bytes, "entry 1 is not in ascending content id order");
    }

    @Test
    void v2InvalidPrefixByte() {
        byte[] bytes = v2Index();
        bytes[V2_ENTRIES + 2 * 33] = 'a'; // prefix letters are g..z
        assertCorrupt(bytes, "invalid content id prefix byte");
    }

    @Test
    void truncatedV1() {
        byte[] bytes = v1Index();
        assertCorrupt(Arrays.copyOf(bytes, 7), "truncated index v1 header");
        assertCorrupt(Arrays.copyOf(bytes, 8 + 37 + 10), "truncated");
        assertCorrupt(Arrays.copyOf(bytes, bytes.length - 1), "outside the");
    }

    @Test
    void v1PackNameOffsetOutOfRange() {
        byte[] bytes = v1Index();
        bytes[8 + 17 + 8] = 0x01; // name offset of entry 0 → ~16 MiB
        assertCorrupt(bytes, "entry 0 names a pack");
    }

    @Test
    void v1WrongEntrySize() {
        byte[] bytes = v1Index();
        bytes[3] = 16;
        assertCorrupt(bytes, "invalid entry size 16");
    }

    @Test
    void v1EmptyPackName() {
        byte[] bytes = v1Index();
        bytes[8 + 17 + 7] = 0;
        assertCorrupt(bytes, "empty pack name");
    }

    @Test
    void invalidKeySize() {
        byte[] bytes = v1Index();
        bytes[1] = 1;
        assertCorrupt(bytes, "invalid key size 1");
    }
}
