package dev.rewind.kopia.compression;

/**
 * How much a decompressor may produce — the guard against decompression bombs.
 *
 * @param maxBytes the largest acceptable output; producing more is {@code CORRUPT}
 * @param exact whether the output is expected to be exactly {@code maxBytes} long (the original length recorded in
 *     an index v2 entry); decoders then allocate the whole output once (up to 64 MiB, growing beyond). A shorter
 *     output is not rejected here: {@link Decompressors} compares the final length
 */
public record OutputLimit(long maxBytes, boolean exact) {
    /** The largest array the JVM reliably allocates. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    public OutputLimit {
        if (maxBytes < 0 || maxBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
    }

    /** The output must be exactly {@code lengthBytes} long. */
    public static OutputLimit exactly(long lengthBytes) {
        return new OutputLimit(lengthBytes, true);
    }

    /** The output may be anything up to {@code maxBytes}. */
    public static OutputLimit atMost(long maxBytes) {
        return new OutputLimit(maxBytes, false);
    }
}
