package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side writer of index v1 plaintext, byte-exact with kopia's {@code buildV1} (kopia:
 * repo/content/index/index_v1.go; kopia-format.md §5.3). Written by hand following kopia's source: entries sorted by
 * key, pack names appended after the records in order of first use, an empty index has key size 255.
 */
public final class IndexV1Writer {
    private IndexV1Writer() {
    }

    /**
     * The index v1 plaintext holding {@code entries}. Original length and {@code indexVersion} are ignored (v1 does
     * not record them).
     *
     * @throws IllegalArgumentException for what kopia refuses: compression or encryption key IDs other than 0,
     *     mixed key lengths, duplicate IDs, offsets or lengths beyond 31/32 bits, timestamps beyond 48 bits
     */
    public static byte[] write(Collection<IndexEntry> entries) {
        List<IndexEntry> sorted = IndexWriting.sortedUnique(entries);
        int keySize = sorted.isEmpty() ? 255 : IndexWriting.keySize(sorted);
        Map<BlobId, Long> nameOffsets = new LinkedHashMap<>();
        long recordsEnd = 8L + (long) sorted.size() * (keySize + 20);
        long next = recordsEnd;
        for (IndexEntry e : sorted) {
            if (e.compressionHeaderId() != 0 || e.encryptionKeyId() != 0) {
                throw new IllegalArgumentException("index v1 cannot record compression or key id of "
                        + e.contentId());
            }
            if (e.packOffset() > 0x7fff_ffffL || e.packedLengthBytes() > 0xffff_ffffL
                    || e.timestampSeconds() >= 1L << 48) {
                throw new IllegalArgumentException("value out of range for " + e.contentId());
            }
            if (!nameOffsets.containsKey(e.packBlobId())) {
                nameOffsets.put(e.packBlobId(), next);
                next += e.packBlobId().value().length();
            }
        }

        var out = new ByteArrayOutputStream();
        out.write(1);
        out.write(keySize);
        IndexWriting.u16(out, 20);
        IndexWriting.u32(out, sorted.size());
        for (IndexEntry e : sorted) {
            byte[] value = new byte[20];
            String pack = e.packBlobId().value();
            if (pack.length() > 255) {
                throw new IllegalArgumentException("pack name too long");
            }
            long timestampAndFlags = (e.timestampSeconds() << 16) | ((long) e.formatVersion() << 8) | pack.length();
            IndexWriting.put32(value, 0, timestampAndFlags >>> 32);
            IndexWriting.put32(value, 4, timestampAndFlags & 0xffff_ffffL);
            IndexWriting.put32(value, 8, nameOffsets.get(e.packBlobId()));
            IndexWriting.put32(value, 12, e.packOffset() | (e.deleted() ? 0x8000_0000L : 0));
            IndexWriting.put32(value, 16, e.packedLengthBytes());
            out.writeBytes(e.contentId().indexKey());
            out.writeBytes(value);
        }
        nameOffsets.keySet().forEach(p -> out.writeBytes(p.value().getBytes(StandardCharsets.US_ASCII)));
        return out.toByteArray();
    }
}
