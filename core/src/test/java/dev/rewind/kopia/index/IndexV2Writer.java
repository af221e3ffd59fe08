package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side writer of index v2 plaintext, byte-exact with kopia's {@code buildV2} as called by the stable shard
 * builder used for flushed index blobs (kopia: repo/content/index/index_v2.go, index_builder.go;
 * kopia-format.md §5.2). Written by hand following kopia's source.
 *
 * <ul>
 *   <li>entries sorted by binary content-ID key; all keys of one length; base timestamp 0;</li>
 *   <li>pack table and pack names in order of first use by the sorted entries; format table likewise;</li>
 *   <li>entry size 16, 17 with more than one format, 18 with more than 65 536 packs, 19 when a length is ≥ 16 MiB;</li>
 *   <li>no trailing random bytes (append them yourself to imitate a pack-local index).</li>
 * </ul>
 */
public final class IndexV2Writer {
    private IndexV2Writer() {
    }

    private record Format(int compressionHeaderId, int formatVersion, int encryptionKeyId) {
    }

    /**
     * The index v2 plaintext holding {@code entries} (each content at most once; {@code indexVersion} of the entries
     * is ignored).
     *
     * @throws IllegalArgumentException for what kopia refuses to write: no entries, mixed key lengths, duplicate
     *     IDs, lengths ≥ 2^28, pack offsets ≥ 2^30, timestamps beyond 32 bits, unknown original length
     */
    public static byte[] write(Collection<IndexEntry> entries) {
        List<IndexEntry> sorted = IndexWriting.sortedUnique(entries);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("kopia never writes an empty index v2");
        }
        int keySize = IndexWriting.keySize(sorted);

        Map<BlobId, Integer> packIndex = new LinkedHashMap<>();
        Map<Format, Integer> formatIndex = new LinkedHashMap<>();
        long maxLength = 0;
        for (IndexEntry e : sorted) {
            packIndex.putIfAbsent(e.packBlobId(), packIndex.size());
            formatIndex.putIfAbsent(format(e), formatIndex.size());
            if (e.originalLengthBytes() < 0) {
                throw new IllegalArgumentException("index v2 needs the original length of " + e.contentId());
            }
            maxLength = Math.max(maxLength, Math.max(e.packedLengthBytes(), e.originalLengthBytes()));
            if (e.packOffset() >= 1L << 30) {
                throw new IllegalArgumentException("pack offset too high for " + e.contentId());
            }
            if (e.timestampSeconds() > 0xffff_ffffL) {
                throw new IllegalArgumentException("timestamp does not fit 32 bits for " + e.contentId());
            }
        }
        if (formatIndex.size() > 254) {
            throw new IllegalArgumentException("too many formats");
        }
        if (maxLength >= 1L << 28) {
            throw new IllegalArgumentException("content length too high: " + maxLength);
        }
        int entrySize = 16;
        if (formatIndex.size() > 1) {
            entrySize = 17;
        }
        if (packIndex.size() > 1 << 16) {
            entrySize = 18;
        }
        if (maxLength >= 1L << 24) {
            entrySize = 19;
        }

        var out = new ByteArrayOutputStream();
        out.write(2);
        out.write(keySize);
        IndexWriting.u16(out, entrySize);
        IndexWriting.u32(out, sorted.size());
        IndexWriting.u32(out, packIndex.size());
        out.write(formatIndex.size());
        IndexWriting.u32(out, 0);

        for (IndexEntry e : sorted) {
            byte[] value = new byte[19];
            IndexWriting.put32(value, 0, e.timestampSeconds());
            IndexWriting.put32(value, 4, e.packOffset() | (e.deleted() ? 0x8000_0000L : 0));
            IndexWriting.put24(value, 8, e.originalLengthBytes());
            IndexWriting.put24(value, 11, e.packedLengthBytes());
            int pack = packIndex.get(e.packBlobId());
            value[14] = (byte) (pack >>> 8);
            value[15] = (byte) pack;
            value[16] = (byte) (int) formatIndex.get(format(e));
            value[17] = (byte) (pack >>> 16);
            value[18] = (byte) (((e.originalLengthBytes() >>> 24) << 4) | (e.packedLengthBytes() >>> 24));
            for (int i = entrySize; i < value.length; i++) {
                if (value[i] != 0) {
                    throw new IllegalStateException("encoding bug: optional byte " + i + " is not zero");
                }
            }
            out.writeBytes(e.contentId().indexKey());
            out.write(value, 0, entrySize);
        }

        List<byte[]> names = new ArrayList<>();
        packIndex.keySet().forEach(p -> names.add(p.value().getBytes(StandardCharsets.US_ASCII)));
        long namesOffset = 17L + (long) sorted.size() * (keySize + entrySize) + 5L * packIndex.size()
                + 6L * formatIndex.size();
        long offset = namesOffset;
        for (byte[] name : names) {
            if (name.length > 255) {
                throw new IllegalArgumentException("pack name too long");
            }
            out.write(name.length);
            IndexWriting.u32(out, offset);
            offset += name.length;
        }
        for (Format f : formatIndex.keySet()) {
            IndexWriting.u32(out, f.compressionHeaderId() & 0xffff_ffffL);
            out.write(f.formatVersion());
            out.write(f.encryptionKeyId());
        }
        names.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static Format format(IndexEntry e) {
        return new Format(e.compressionHeaderId(), e.formatVersion(), e.encryptionKeyId());
    }
}
