package dev.rewind.kopia.compression;

/**
 * The stream format behind a Kopia compressor (kopia-format.md §4.8). Several compressor names share one format: the
 * level or the degree of parallelism changes how the writer compresses, never how a reader decodes.
 */
public enum CompressionFormat {
    /** RFC 1952 gzip, possibly several members (Go {@code compress/gzip}, klauspost {@code pgzip}). */
    GZIP,
    /** Zstandard frames written by the klauspost streaming encoder (no frame content size). */
    ZSTD,
    /** The klauspost S2 framed stream (kopia-format.md §4.9); decoded by hand. */
    S2,
    /** The LZ4 frame format (magic {@code 0x184D2204}), written by pierrec/lz4 in kopia ≤ 0.22. */
    LZ4_FRAME,
    /** Raw RFC 1951 DEFLATE without zlib header or trailer (klauspost {@code flate}). */
    DEFLATE
}
