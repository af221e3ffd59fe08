package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Decoder of the klauspost S2 framed stream, written by hand: no Java library reads S2 (snappy-java and
 * aircompressor stop at Snappy and cannot decode S2's repeat offsets or its blocks above 64 KiB). Follows
 * kopia-format.md §4.9 and klauspost/compress s2/README.md and s2/reader.go; kopia writes it with
 * {@code s2.NewWriter} for every {@code s2-*} compressor (kopia: repo/compression/compressor_s2.go).
 *
 * <p>The stream is a sequence of chunks {@code type(1) ‖ length(3, little-endian) ‖ body}:
 *
 * <ul>
 *   <li>{@code 0xff} stream identifier, body {@code S2sTwO} (what kopia's writer emits) or Snappy's
 *       {@code sNaPpY}; it must come first and may repeat (concatenated streams). After {@code sNaPpY} blocks
 *       are limited to 64 KiB, as in klauspost's reader.
 *   <li>{@code 0x00} compressed block: masked CRC-32C (little-endian) of the uncompressed block, then
 *       {@code uvarint(length)} and the {@linkplain S2Block block elements}.
 *   <li>{@code 0x01} uncompressed block: masked CRC-32C, then the raw bytes.
 *   <li>{@code 0x80}–{@code 0xfe} skippable (padding {@code 0xfe}, seek index {@code 0x99}): ignored.
 *   <li>{@code 0x02}–{@code 0x7f} reserved unskippable: corrupt.
 * </ul>
 *
 * <p>Blocks hold at most 4 MiB. Every CRC is checked. An empty stream decodes to empty data — kopia's writer emits no
 * stream identifier for empty input. Any inconsistency (bad identifier, truncated chunk, CRC mismatch, malformed
 * block) is {@code CORRUPT}, with the chunk number and stream offset in the message.
 */
final class S2Decompressor implements Decompressor {
    static final S2Decompressor INSTANCE = new S2Decompressor();

    /** The largest uncompressed block S2 allows (klauspost: maxBlockSize). */
    static final int MAX_BLOCK_BYTES = 4 << 20;
    /** The largest block after a Snappy stream identifier (klauspost: maxSnappyBlockSize). */
    static final int MAX_SNAPPY_BLOCK_BYTES = 64 << 10;

    static final int CHUNK_COMPRESSED = 0x00;
    static final int CHUNK_UNCOMPRESSED = 0x01;
    static final int CHUNK_PADDING = 0xfe;
    static final int CHUNK_STREAM_IDENTIFIER = 0xff;
    static final byte[] S2_MAGIC = "S2sTwO".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPPY_MAGIC = "sNaPpY".getBytes(StandardCharsets.US_ASCII);

    private static final int CHECKSUM_BYTES = 4;

    private S2Decompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.S2;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        BoundedOutput out = new BoundedOutput("s2", limit, length);
        int end = offset + length;
        int pos = offset;
        int chunk = 0;
        boolean identified = false;
        int maxBlock = MAX_BLOCK_BYTES;
        while (pos < end) {
            int chunkAt = pos - offset;
            if (end - pos < 4) {
                throw corrupt(chunk, chunkAt, "chunk header is cut short by the end of the stream");
            }
            int type = compressed[pos] & 0xff;
            int bodyLength = (compressed[pos + 1] & 0xff)
                    | (compressed[pos + 2] & 0xff) << 8
                    | (compressed[pos + 3] & 0xff) << 16;
            int body = pos + 4;
            if (bodyLength > end - body) {
                throw corrupt(chunk, chunkAt, "chunk of " + bodyLength + " bytes is cut short by the end of the stream");
            }
            if (!identified && type != CHUNK_STREAM_IDENTIFIER) {
                throw corrupt(chunk, chunkAt, "stream does not start with a stream identifier chunk");
            }
            switch (type) {
                case CHUNK_STREAM_IDENTIFIER -> {
                    byte[] magic = Arrays.copyOfRange(compressed, body, body + bodyLength);
                    if (Arrays.equals(magic, S2_MAGIC)) {
                        maxBlock = MAX_BLOCK_BYTES;
                    } else if (Arrays.equals(magic, SNAPPY_MAGIC)) {
                        maxBlock = MAX_SNAPPY_BLOCK_BYTES;
                    } else {
                        throw corrupt(chunk, chunkAt, "unknown stream identifier");
                    }
                    identified = true;
                }
                case CHUNK_COMPRESSED -> {
                    int expectedCrc = checksum(compressed, body, bodyLength, chunk, chunkAt);
                    int blockStart = body + CHECKSUM_BYTES;
                    int blockEnd = body + bodyLength;
                    long[] varint = uvarint(compressed, blockStart, blockEnd, chunk, chunkAt);
                    long blockLength = varint[0];
                    if (blockLength > maxBlock) {
                        throw corrupt(chunk, chunkAt, "block of " + blockLength + " bytes exceeds " + maxBlock);
                    }
                    out.reserve(blockLength);
                    int at = out.size();
                    try {
                        S2Block.decode(compressed, (int) varint[1], blockEnd, out.array(), at, (int) blockLength);
                    } catch (RewindException e) {
                        throw corrupt(chunk, chunkAt, e.getMessage());
                    }
                    verifyCrc(expectedCrc, out.array(), at, (int) blockLength, chunk, chunkAt);
                    out.advance((int) blockLength);
                }
                case CHUNK_UNCOMPRESSED -> {
                    int expectedCrc = checksum(compressed, body, bodyLength, chunk, chunkAt);
                    int rawLength = bodyLength - CHECKSUM_BYTES;
                    if (rawLength > maxBlock) {
                        throw corrupt(chunk, chunkAt, "block of " + rawLength + " bytes exceeds " + maxBlock);
                    }
                    verifyCrc(expectedCrc, compressed, body + CHECKSUM_BYTES, rawLength, chunk, chunkAt);
                    out.write(compressed, body + CHECKSUM_BYTES, rawLength);
                }
                default -> {
                    if (type < 0x80) {
                        throw corrupt(chunk, chunkAt, "reserved unskippable chunk type 0x" + Integer.toHexString(type));
                    }
                    // 0x80..0xfe: padding and skippable chunks carry nothing for us.
                }
            }
            pos = body + bodyLength;
            chunk++;
        }
        return out.toByteArray();
    }

    /** Reads the little-endian masked CRC at the start of a data chunk body. */
    private static int checksum(byte[] src, int body, int bodyLength, int chunk, int chunkAt) {
        if (bodyLength < CHECKSUM_BYTES) {
            throw corrupt(chunk, chunkAt, "data chunk of " + bodyLength + " bytes has no room for its checksum");
        }
        return (src[body] & 0xff)
                | (src[body + 1] & 0xff) << 8
                | (src[body + 2] & 0xff) << 16
                | (src[body + 3] & 0xff) << 24;
    }

    private static void verifyCrc(int expected, byte[] data, int offset, int length, int chunk, int chunkAt) {
        int actual = maskedCrc32c(data, offset, length);
        if (actual != expected) {
            throw corrupt(chunk, chunkAt, String.format(
                    "CRC-32C mismatch: chunk says %08x, data gives %08x", expected, actual));
        }
    }

    /** The Snappy/S2 masked CRC-32C: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
    static int maskedCrc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    /** Returns {value, position after the varint}; at most 5 bytes and 32 bits, as in klauspost's DecodedLen. */
    private static long[] uvarint(byte[] src, int pos, int end, int chunk, int chunkAt) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (pos + i >= end) {
                throw corrupt(chunk, chunkAt, "block length is cut short");
            }
            int b = src[pos + i] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if (b < 0x80) {
                if (value > 0xffffffffL) {
                    throw corrupt(chunk, chunkAt, "block length overflows 32 bits");
                }
                return new long[] {value, pos + i + 1};
            }
        }
        throw corrupt(chunk, chunkAt, "block length varint is longer than 5 bytes");
    }

    private static RewindException corrupt(int chunk, int chunkAt, String detail) {
        return new RewindException(
                Reason.CORRUPT, "s2 stream is corrupt at chunk " + chunk + " (stream offset " + chunkAt + "): "
                        + detail);
    }
}
