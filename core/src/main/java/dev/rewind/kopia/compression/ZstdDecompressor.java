package dev.rewind.kopia.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import dev.rewind.error.RewindException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Zstandard through zstd-jni's streaming {@link ZstdInputStream}, because kopia's klauspost encoder writes frames
 * without a content size (kopia-format.md §4.8). The frame's content checksum, when present, is verified by zstd.
 *
 * <p>An empty stream decodes to empty data: klauspost's encoder writes no frame at all for empty input.
 */
final class ZstdDecompressor implements Decompressor {
    static final ZstdDecompressor INSTANCE = new ZstdDecompressor();

    /** Largest recorded length decompressed in one shot into a preallocated array (contents are ≤ 8 MiB). */
    static final long ONE_SHOT_MAX_BYTES = 64L << 20;

    private ZstdDecompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.ZSTD;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        if (length == 0) {
            return new byte[0];
        }
        if (limit.exact() && limit.maxBytes() <= ONE_SHOT_MAX_BYTES) {
            return decompressExactly(compressed, offset, length, (int) limit.maxBytes());
        }
        BoundedOutput out = new BoundedOutput("zstd", limit, length);
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed, offset, length))) {
            out.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw StreamFailures.corrupt("zstd", e);
        }
        return out.toByteArray();
    }

    /**
     * One-shot decompression into an array of the length the index recorded: no intermediate buffers (the
     * streaming path costs several times more). Output that would be longer fails inside zstd
     * ("destination buffer is too small"); shorter output is caught by the length check.
     */
    private static byte[] decompressExactly(byte[] compressed, int offset, int length, int expected) {
        byte[] out = new byte[expected];
        decompressInto(compressed, offset, length, out, expected);
        return out;
    }

    /**
     * One-shot decompression of exactly {@code expected} bytes into the start of {@code out} (a reused buffer at
     * least that long); same failures as {@link #decompress}.
     */
    static void decompressInto(byte[] compressed, int offset, int length, byte[] out, int expected) {
        if (length == 0) {
            if (expected != 0) {
                throw mismatch(expected, "the stream is empty");
            }
            return;
        }
        long written;
        try {
            written = Zstd.decompressByteArray(out, 0, expected, compressed, offset, length);
        } catch (RuntimeException e) {
            throw mismatch(expected, e.getMessage());
        }
        if (Zstd.isError(written)) {
            throw mismatch(expected, Zstd.getErrorName(written));
        }
        if (written != expected) {
            throw mismatch(expected, "decompressed to " + written + " bytes");
        }
    }

    private static RewindException mismatch(int expected, String detail) {
        return StreamFailures.corrupt("zstd", new java.io.IOException(
                "does not decompress to the recorded " + expected + " bytes: " + detail));
    }
}
