package dev.rewind.kopia.index;

import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.util.HexFormat;

/** Compact constructors of {@link IndexEntry} for tests. */
final class TestEntries {
    private TestEntries() {
    }

    /** A 16-byte-hash content ID whose hash is {@code n} big-endian, padded with zeros, with an optional prefix. */
    static ContentId id(char prefix, long n) {
        String hex = String.format("%032x", n);
        return ContentId.parse((prefix == 0 ? "" : String.valueOf(prefix)) + hex);
    }

    static ContentId id(long n) {
        return id((char) 0, n);
    }

    static IndexEntry v2(ContentId id, String pack, long offset, long packed, long original, long ts,
            boolean deleted) {
        return new IndexEntry(id, BlobId.of(pack), offset, packed, original, ts, deleted, 0, 2, 0, 2);
    }

    static IndexEntry v2(ContentId id, String pack, long ts, boolean deleted) {
        return v2(id, pack, 32, 100, 72, ts, deleted);
    }

    static IndexEntry v1(ContentId id, String pack, long offset, long packed, long ts, boolean deleted) {
        return new IndexEntry(id, BlobId.of(pack), offset, packed, IndexEntry.UNKNOWN_LENGTH, ts, deleted, 0, 1, 0, 1);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
