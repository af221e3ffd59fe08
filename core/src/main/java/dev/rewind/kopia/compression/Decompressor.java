package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * Decodes one compressed stream — the bytes after Kopia's 4-byte header ID — into memory.
 *
 * <p>Contract: the whole output is returned, never more than {@link OutputLimit#maxBytes()}; a stream that is
 * damaged, truncated, fails its own checksum or would exceed the limit fails with {@link RewindException} of reason
 * {@link Reason#CORRUPT}. Implementations are stateless and thread-safe. Obtain them from
 * {@link Decompressors#forHeaderId(int)}.
 */
public sealed interface Decompressor
        permits GzipDecompressor, ZstdDecompressor, S2Decompressor, Lz4FrameDecompressor, DeflateDecompressor {

    /** The stream format this decoder reads. */
    CompressionFormat format();

    /**
     * Decodes {@code compressed[offset, offset + length)}.
     *
     * @throws RewindException {@link Reason#CORRUPT} when the stream is damaged or exceeds {@code limit}
     */
    byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit);
}
