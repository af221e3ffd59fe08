package dev.rewind.kopia.compression;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * LZ4 frames (magic {@code 0x184D2204}) as written by pierrec/lz4 in kopia ≤ 0.22.3 (kopia-format.md §4.8), through
 * lz4-java's {@link LZ4FrameInputStream} with the pure-Java safe decoder. Header, block and content checksums are
 * verified when the frame declares them; concatenated frames are read in turn.
 *
 * <p>An empty stream decodes to empty data.
 */
final class Lz4FrameDecompressor implements Decompressor {
    static final Lz4FrameDecompressor INSTANCE = new Lz4FrameDecompressor();

    private Lz4FrameDecompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.LZ4_FRAME;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        if (length == 0) {
            return new byte[0];
        }
        BoundedOutput out = new BoundedOutput("lz4", limit, length);
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(
                new ByteArrayInputStream(compressed, offset, length),
                LZ4Factory.safeInstance().safeDecompressor(),
                XXHashFactory.safeInstance().hash32())) {
            out.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw StreamFailures.corrupt("lz4", e);
        }
        return out.toByteArray();
    }
}
