package dev.rewind.kopia.content;

/**
 * Reusable arrays for reading contents on one thread ({@link ContentSource#read(ContentId, ContentBuffers)}): the
 * stored bytes, the decrypted bytes and, for a compressed content, the decompressed bytes of the content being read.
 * Deep verification and extraction read gigabytes of multi-MiB contents, and fresh arrays per content cost more than
 * the decryption itself: the JVM zeroes every new array and the kernel maps its pages in (measured in
 * docs/benchmarks.md).
 *
 * <p>An array that is too small is replaced by one of the needed length rounded up to 1 MiB, or of twice its old
 * length, whichever is longer, but never longer than {@value #MAX_REUSED_BYTES} bytes. Readers use these arrays only
 * for contents that {@linkplain #fits fit} and give larger ones arrays of their own, so a damaged index entry that
 * claims a huge length cannot make a worker allocate, or keep, more than that. Kopia's default splitter writes
 * contents of up to 8 MiB (kopia-format.md §1), so with kopia's defaults every content fits, and an instance holds at
 * most three arrays of 16 MiB.
 *
 * <p>Not thread-safe: one thread, one instance. A {@link ContentView} read with an instance is valid only until the
 * next read with it.
 */
public final class ContentBuffers {
    /** The longest array kept, and so the longest content (stored or decompressed) read into these arrays. */
    public static final int MAX_REUSED_BYTES = 16 << 20;
    static final int GROWTH_STEP_BYTES = 1 << 20;

    private byte[] stored = new byte[0];
    private byte[] plain = new byte[0];
    private byte[] decompressed = new byte[0];

    /** Whether a content of {@code lengthBytes} (stored or decompressed) is read into these arrays. */
    public static boolean fits(long lengthBytes) {
        return lengthBytes <= MAX_REUSED_BYTES;
    }

    /** An array of at least {@code length} bytes for the stored (encrypted) bytes of a content that fits. */
    public byte[] stored(int length) {
        stored = atLeast(stored, length);
        return stored;
    }

    /** An array of at least {@code length} bytes for the decrypted bytes of a content that fits. */
    public byte[] plain(int length) {
        plain = atLeast(plain, length);
        return plain;
    }

    /** An array of at least {@code length} bytes for the decompressed bytes of a content that fits. */
    public byte[] decompressed(int length) {
        decompressed = atLeast(decompressed, length);
        return decompressed;
    }

    /** Bytes currently held, for memory accounting and tests. */
    public long heldBytes() {
        return (long) stored.length + plain.length + decompressed.length;
    }

    /** {@code current} when it holds {@code length} bytes, else a new, longer array (see the class comment). */
    private static byte[] atLeast(byte[] current, int length) {
        return current.length >= length ? current : new byte[grown(current.length, length)];
    }

    static int grown(int current, int needed) {
        if (!fits(needed)) {
            throw new IllegalArgumentException(needed + " bytes do not fit the reused arrays (at most "
                    + MAX_REUSED_BYTES + "); check fits() first");
        }
        long rounded = ((long) needed + GROWTH_STEP_BYTES - 1) / GROWTH_STEP_BYTES * GROWTH_STEP_BYTES;
        return (int) Math.min(Math.max(rounded, 2L * current), MAX_REUSED_BYTES);
    }
}
