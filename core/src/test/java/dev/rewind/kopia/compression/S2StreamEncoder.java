package dev.rewind.kopia.compression;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Test-only encoder of the klauspost S2 framed stream (kopia-format.md §4.9), written by hand so that fixtures and
 * tests can produce every construct the decoder must handle: the {@code S2sTwO} (or Snappy {@code sNaPpY}) stream
 * identifier, compressed chunks with literals, copies with 1-, 2- and 4-byte offsets and S2 repeat copies,
 * uncompressed chunks, skippable and padding chunks, and blocks from a few bytes up to S2's 4 MiB.
 *
 * <p>It does not try to compress well: a greedy single-candidate matcher. Its output follows kopia's writer where it
 * matters for readers: an empty input gives an empty stream (klauspost emits no identifier then), blocks are
 * {@link Options#blockSizeBytes()} of input each (kopia: 1 MiB), and a block that does not shrink is stored as an
 * uncompressed chunk.
 */
public final class S2StreamEncoder {

    /** The stream identifier chunk body. */
    public enum Identifier {
        /** {@code S2sTwO}: what klauspost's S2 writer (and so kopia) emits. */
        S2,
        /** {@code sNaPpY}: Snappy-compatible framing; blocks ≤ 64 KiB and no S2 repeat copies. */
        SNAPPY
    }

    /** When a block goes into an uncompressed ({@code 0x01}) chunk instead of a compressed ({@code 0x00}) one. */
    public enum UncompressedChunks {
        /** Only when compression does not make the block smaller (like klauspost's writer). */
        WHEN_NOT_SMALLER,
        /** Every second block (the first is compressed when that helps), to mix both chunk types. */
        ALTERNATE,
        /** Every block. */
        ALWAYS
    }

    /**
     * @param blockSizeBytes input bytes per block, 1 … 4 MiB (64 KiB with the Snappy identifier)
     * @param identifier the stream identifier to write
     * @param uncompressedChunks when blocks are stored uncompressed
     * @param skippableChunk whether to add a skippable {@code 0x99} chunk right after the identifier
     * @param paddingMultiple when &gt; 1, a final {@code 0xfe} padding chunk makes the stream length a multiple of it
     *     (like klauspost's {@code WriterPadding}); kopia never pads
     */
    public record Options(
            int blockSizeBytes,
            Identifier identifier,
            UncompressedChunks uncompressedChunks,
            boolean skippableChunk,
            int paddingMultiple) {
        public Options {
            Objects.requireNonNull(identifier);
            Objects.requireNonNull(uncompressedChunks);
            int max = identifier == Identifier.S2 ? S2Decompressor.MAX_BLOCK_BYTES : S2Decompressor.MAX_SNAPPY_BLOCK_BYTES;
            if (blockSizeBytes < 1 || blockSizeBytes > max) {
                throw new IllegalArgumentException("block size must be 1.." + max + ": " + blockSizeBytes);
            }
            if (paddingMultiple < 0 || paddingMultiple > S2Decompressor.MAX_BLOCK_BYTES) {
                throw new IllegalArgumentException("padding multiple out of range: " + paddingMultiple);
            }
        }

        /** What kopia's {@code s2.NewWriter} produces: 1 MiB blocks, {@code S2sTwO}, no padding. */
        public static Options kopia() {
            return new Options(1 << 20, Identifier.S2, UncompressedChunks.WHEN_NOT_SMALLER, false, 0);
        }

        public Options withBlockSizeBytes(int value) {
            return new Options(value, identifier, uncompressedChunks, skippableChunk, paddingMultiple);
        }

        public Options withIdentifier(Identifier value) {
            return new Options(blockSizeBytes, value, uncompressedChunks, skippableChunk, paddingMultiple);
        }

        public Options withUncompressedChunks(UncompressedChunks value) {
            return new Options(blockSizeBytes, identifier, value, skippableChunk, paddingMultiple);
        }

        public Options withSkippableChunk(boolean value) {
            return new Options(blockSizeBytes, identifier, uncompressedChunks, value, paddingMultiple);
        }

        public Options withPaddingMultiple(int value) {
            return new Options(blockSizeBytes, identifier, uncompressedChunks, skippableChunk, value);
        }
    }

    private S2StreamEncoder() {}

    /** Encodes {@code data} as kopia's writer would frame it (see {@link Options#kopia()}). */
    public static byte[] encode(byte[] data) {
        return encode(data, Options.kopia());
    }

    /** Encodes {@code data} with explicit options. */
    public static byte[] encode(byte[] data, Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (data.length == 0 && options.paddingMultiple() <= 1) {
            return new byte[0];
        }
        chunk(out, S2Decompressor.CHUNK_STREAM_IDENTIFIER,
                options.identifier() == Identifier.S2 ? S2Decompressor.S2_MAGIC : S2Decompressor.SNAPPY_MAGIC);
        if (options.skippableChunk()) {
            chunk(out, 0x99, new byte[] {1, 2, 3, 4, 5});
        }
        boolean repeats = options.identifier() == Identifier.S2;
        int blockIndex = 0;
        for (int start = 0; start < data.length; start += options.blockSizeBytes(), blockIndex++) {
            int length = Math.min(options.blockSizeBytes(), data.length - start);
            byte[] raw = Arrays.copyOfRange(data, start, start + length);
            int crc = S2Decompressor.maskedCrc32c(raw, 0, raw.length);
            byte[] block = S2BlockEncoder.encode(raw, repeats);
            boolean storeRaw = switch (options.uncompressedChunks()) {
                case WHEN_NOT_SMALLER -> block.length >= raw.length;
                case ALTERNATE -> blockIndex % 2 == 1 || block.length >= raw.length;
                case ALWAYS -> true;
            };
            byte[] payload = storeRaw ? raw : block;
            byte[] body = new byte[4 + payload.length];
            body[0] = (byte) crc;
            body[1] = (byte) (crc >>> 8);
            body[2] = (byte) (crc >>> 16);
            body[3] = (byte) (crc >>> 24);
            System.arraycopy(payload, 0, body, 4, payload.length);
            chunk(out, storeRaw ? S2Decompressor.CHUNK_UNCOMPRESSED : S2Decompressor.CHUNK_COMPRESSED, body);
        }
        if (options.paddingMultiple() > 1) {
            int leftOver = out.size() % options.paddingMultiple();
            if (leftOver != 0) {
                int toAdd = options.paddingMultiple() - leftOver;
                while (toAdd < 4) {
                    toAdd += options.paddingMultiple();
                }
                byte[] padding = new byte[toAdd - 4];
                Arrays.fill(padding, (byte) 0xa5);
                chunk(out, S2Decompressor.CHUNK_PADDING, padding);
            }
        }
        return out.toByteArray();
    }

    /** Writes {@code type ‖ length(3, LE) ‖ body}. */
    static void chunk(ByteArrayOutputStream out, int type, byte[] body) {
        if (body.length > 0xffffff) {
            throw new IllegalArgumentException("chunk body too large: " + body.length);
        }
        out.write(type);
        out.write(body.length);
        out.write(body.length >>> 8);
        out.write(body.length >>> 16);
        out.writeBytes(body);
    }
}
