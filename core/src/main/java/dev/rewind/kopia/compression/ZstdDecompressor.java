package dev.rewind.kopia.compression;

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
        BoundedOutput out = new BoundedOutput("zstd", limit, length);
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed, offset, length))) {
            out.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw StreamFailures.corrupt("zstd", e);
        }
        return out.toByteArray();
    }
}
