package dev.rewind.kopia.content;

/**
 * Reusable arrays for reading contents on one thread ({@link ContentSource#read(ContentId, ContentBuffers)}): the
 * stored bytes, the decrypted bytes and, for a compressed content, the decompressed bytes of the content being read. Deep verification and extraction read gigabytes
 * of multi-MiB contents, and a fresh pair of arrays per content cost more than the decryption itself: the JVM zeroes
 * every new array and the kernel maps its pages in (measured in docs/benchmarks.md). An array that is too small is replaced by one of
 * the needed length rounded up to 1 MiB, or of twice its old length while that stays within
 * {@value #DOUBLING_LIMIT_BYTES} bytes, whichever is longer — so a few replacements reach the largest content size
 * (kopia's default splitter writes contents of up to 8 MiB, kopia-format.md §1). Each array therefore holds at most the larger of
 * 16 MiB and the largest content read with it.
 *
 * <p>Not thread-safe: one thread, one instance. A {@link ContentView} read with an instance is valid only until the
 * next read with it.
 */
public final class ContentBuffers {
    static final int GROWTH_STEP_BYTES = 1 << 20;
    static final int DOUBLING_LIMIT_BYTES = 16 << 20;

    private byte[] stored = new byte[0];
    private byte[] plain = new byte[0];
    private byte[] decompressed = new byte[0];

    /** An array of at least {@code length} bytes for the stored (encrypted) bytes of a content. */
    public byte[] stored(int length) {
        if (stored.length < length) {
            stored = new byte[grown(stored.length, length)];
        }
        return stored;
    }

    /** An array of at least {@code length} bytes for the decrypted bytes of a content. */
    public byte[] plain(int length) {
        if (plain.length < length) {
            plain = new byte[grown(plain.length, length)];
        }
        return plain;
    }

    /** An array of at least {@code length} bytes for the decompressed bytes of a content. */
    public byte[] decompressed(int length) {
        if (decompressed.length < length) {
            decompressed = new byte[grown(decompressed.length, length)];
        }
        return decompressed;
    }

    /** Bytes currently held, for memory accounting and tests. */
    public long heldBytes() {
        return (long) stored.length + plain.length + decompressed.length;
    }

    static int grown(int current, int needed) {
        long rounded = ((long) needed + GROWTH_STEP_BYTES - 1) / GROWTH_STEP_BYTES * GROWTH_STEP_BYTES;
        long doubled = Math.min(2L * current, DOUBLING_LIMIT_BYTES);
        return (int) Math.min(Math.max(rounded, doubled), Integer.MAX_VALUE - 16);
    }
}
