package dev.rewind.kopia.index;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Big-endian encoding and entry ordering shared by the test-side index writers. */
final class IndexWriting {
    private IndexWriting() {
    }

    /** Entries sorted by binary content-ID key, as kopia's builder does; duplicates are refused. */
    static List<IndexEntry> sortedUnique(Collection<IndexEntry> entries) {
        List<IndexEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.contentId().compareTo(b.contentId()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).contentId().equals(sorted.get(i).contentId())) {
                throw new IllegalArgumentException("duplicate content " + sorted.get(i).contentId());
            }
        }
        return sorted;
    }

    static int keySize(List<IndexEntry> sorted) {
        int keySize = sorted.get(0).contentId().indexKey().length;
        for (IndexEntry e : sorted) {
            if (e.contentId().indexKey().length != keySize) {
                throw new IllegalArgumentException("inconsistent key length for " + e.contentId());
            }
        }
        return keySize;
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    static void put24(byte[] b, int offset, long v) {
        b[offset] = (byte) (v >>> 16);
        b[offset + 1] = (byte) (v >>> 8);
        b[offset + 2] = (byte) v;
    }

    static void put32(byte[] b, int offset, long v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }
}
