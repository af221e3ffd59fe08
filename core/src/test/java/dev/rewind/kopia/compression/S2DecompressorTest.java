package dev.rewind.kopia.compression;

import static dev.rewind.kopia.compression.DecompressorsTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import dev.rewind.kopia.compression.S2Census.Kind;
import dev.rewind.kopia.compression.S2StreamEncoder.Identifier;
import dev.rewind.kopia.compression.S2StreamEncoder.Options;
import dev.rewind.kopia.compression.S2StreamEncoder.UncompressedChunks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written S2 decoder against byte sequences built by hand from the format (kopia-format.md §4.9,
 * klauspost s2/README.md), a stream written by Go's klauspost encoder, and the test encoder's output.
 */
class S2DecompressorTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String S2_ID = "ff 06 00 00 53 32 73 54 77 4f"; // "S2sTwO"
    private static final String SNAPPY_ID = "ff 06 00 00 73 4e 61 50 70 59"; // "sNaPpY"
    /** Uncompressed chunk of "hello": type 01, length 9, masked CRC-32C bb 1f 1c 19 (computed separately). */
    private static final String HELLO_RAW_CHUNK = "01 09 00 00 bb 1f 1c 19 68 65 6c 6c 6f";
    /**
     * Compressed chunk of "abcdabcdabcd": type 00, length 12, CRC a8 8d 5f 03, block: uvarint 12, literal of 4
     * (tag 0x0c) "abcd", copy with 1-byte offset (tag 0x11: length 8, offset high bits 0) offset 4.
     */
    private static final String ABCD_CHUNK = "00 0c 00 00 a8 8d 5f 03 0c 0c 61 62 63 64 11 04";

    private static byte[] decode(byte[] stream) {
        return S2Decompressor.INSTANCE.decompress(stream, 0, stream.length, OutputLimit.atMost(64L << 20));
    }

    private static byte[] hex(String... parts) {
        return HEX.parseHex(String.join(" ", parts));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    // --- framing, byte-exact ---

    @Test
    void emptyStreamIsEmptyData() {
        assertThat(decode(new byte[0])).isEmpty();
    }

    @Test
    void identifierAloneIsEmptyData() {
        assertThat(decode(hex(S2_ID))).isEmpty();
        assertThat(decode(hex(SNAPPY_ID))).isEmpty();
    }

    @Test
    void uncompressedChunkAfterEitherIdentifier() {
        assertThat(text(decode(hex(S2_ID, HELLO_RAW_CHUNK)))).isEqualTo("hello");
        assertThat(text(decode(hex(SNAPPY_ID, HELLO_RAW_CHUNK)))).isEqualTo("hello");
    }

    @Test
    void compressedChunkWithLiteralAndCopy() {
        assertThat(text(decode(hex(S2_ID, ABCD_CHUNK)))).isEqualTo("abcdabcdabcd");
    }

    @Test
    void chunksConcatenateAndSkippableChunksAreIgnored() {
        byte[] stream = hex(S2_ID, "80 02 00 00 aa bb", ABCD_CHUNK, "99 00 00 00", HELLO_RAW_CHUNK,
                SNAPPY_ID, "fe 03 00 00 00 00 00", HELLO_RAW_CHUNK);
        assertThat(text(decode(stream))).isEqualTo("abcdabcdabcdhellohello");
    }

    @Test
    void maskedCrcKnownAnswers() {
        // CRC-32C("123456789") = 0xe3069283 (the standard check value); masked per the Snappy framing format.
        assertThat(S2Decompressor.maskedCrc32c("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9))
                .isEqualTo(0xc78ab0e5);
        assertThat(S2Decompressor.maskedCrc32c(new byte[0], 0, 0)).isEqualTo(0xa282ead8);
    }

    // --- block elements, byte-exact ---

    @Test
    void literalLengthInEveryEncoding() {
        String block = "14" // uvarint 20
                + " f0 04 31 32 33 34 35" // literal, length-1 in 1 byte
                + " f4 04 00 61 62 63 64 65" // 2 bytes
                + " f8 04 00 00 41 42 43 44 45" // 3 bytes
                + " fc 04 00 00 00 76 77 78 79 7a"; // 4 bytes
        assertThat(text(decode(compressedStream(block, "12345abcdeABCDEvwxyz")))).isEqualTo("12345abcdeABCDEvwxyz");
    }

    @Test
    void copiesWithTwoAndFourByteOffsets() {
        String block = "12" // uvarint 18
                + " 08 78 79 7a" // literal "xyz"
                + " 16 03 00" // copy2: length 6, offset 3
                + " 23 09 00 00 00"; // copy4: length 9, offset 9
        assertThat(text(decode(compressedStream(block, "xyz".repeat(6))))).isEqualTo("xyz".repeat(6));
    }

    @Test
    void overlappingCopyRunsForwards() {
        String block = "0c 00 7a 1d 01"; // uvarint 12, literal "z", copy1 length 11 offset 1
        assertThat(text(decode(compressedStream(block, "z".repeat(12))))).isEqualTo("z".repeat(12));
    }

    @Test
    void repeatCopiesInEveryLengthEncoding() {
        // "ab", copy1 offset 2 length 4, then repeats of 6 (field 2), 24 (field 5: 0x10 + 8),
        // 518 (field 6: 0x0102 + 260) and 65541 (field 7: 0x000001 + 65540) bytes at the same offset.
        int total = 2 + 4 + 6 + 24 + 518 + 65541;
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        S2BlockEncoder.writeUvarint(block, total);
        block.writeBytes(hex("04 61 62", "01 02", "09 00", "15 00 10", "19 00 02 01", "1d 00 01 00 00"));
        String expected = "ab".repeat(total / 2 + 1).substring(0, total);

        byte[] stream = compressedStream(HEX.formatHex(block.toByteArray()), expected);
        assertThat(text(decode(stream))).isEqualTo(expected);
        assertThat(S2Census.of(stream)).containsEntry(Kind.REPEAT_SHORT, 1)
                .containsEntry(Kind.REPEAT_1_BYTE_LENGTH, 1)
                .containsEntry(Kind.REPEAT_2_BYTE_LENGTH, 1)
                .containsEntry(Kind.REPEAT_3_BYTE_LENGTH, 1);
    }

    @Test
    void repeatOffsetDoesNotCarryIntoTheNextBlock() {
        // block 1 sets offset 2; block 2 starts with a repeat (copy1 tag 0x01, offset byte 0) — invalid
        byte[] joined = concat(compressedStream("06 04 61 62 01 02", "ababab"), compressedChunk("04 01 00", "abab"));
        assertFails(() -> decode(joined), Reason.CORRUPT, "chunk 2", "repeat", "before any copy offset");
    }

    // --- corruption, hand-built ---

    @Test
    void badCrcIsCorrupt() {
        byte[] stream = hex(S2_ID, ABCD_CHUNK);
        stream[14] ^= 0x01;
        assertFails(() -> decode(stream), Reason.CORRUPT, "chunk 1", "stream offset 10", "CRC-32C");
        byte[] raw = hex(S2_ID, HELLO_RAW_CHUNK);
        raw[raw.length - 1] ^= 0x20;
        assertFails(() -> decode(raw), Reason.CORRUPT, "chunk 1", "CRC-32C");
    }

    @Test
    void streamMustStartWithAnIdentifier() {
        assertFails(() -> decode(hex(HELLO_RAW_CHUNK)), Reason.CORRUPT, "chunk 0", "stream identifier");
        assertFails(() -> decode(hex("fe 00 00 00", S2_ID, HELLO_RAW_CHUNK)), Reason.CORRUPT, "stream identifier");
    }

    @Test
    void unknownIdentifierIsCorrupt() {
        assertFails(() -> decode(hex("ff 06 00 00 53 32 73 54 77 58")), Reason.CORRUPT, "unknown stream identifier");
        assertFails(() -> decode(hex("ff 07 00 00 53 32 73 54 77 4f 4f")), Reason.CORRUPT, "stream identifier");
    }

    @Test
    void reservedUnskippableChunkIsCorrupt() {
        assertFails(() -> decode(hex(S2_ID, "05 01 00 00 00")), Reason.CORRUPT, "chunk 1", "0x5");
        assertFails(() -> decode(hex(S2_ID, "7f 00 00 00")), Reason.CORRUPT, "0x7f");
    }

    @Test
    void dataChunkWithoutRoomForItsChecksumIsCorrupt() {
        assertFails(() -> decode(hex(S2_ID, "01 03 00 00 00 00 00")), Reason.CORRUPT, "checksum");
        assertFails(() -> decode(hex(S2_ID, "00 00 00 00")), Reason.CORRUPT, "checksum");
    }

    @Test
    void repeatBeforeAnyCopyIsCorrupt() {
        assertFails(() -> decode(compressedStream("06 04 61 62 01 00", "abab??")), Reason.CORRUPT,
                "repeat", "before any copy offset");
    }

    @Test
    void copyReachingBeforeTheBlockIsCorrupt() {
        assertFails(() -> decode(compressedStream("06 04 61 62 01 03", "ababab")), Reason.CORRUPT,
                "offset 3", "before the block start");
        assertFails(() -> decode(compressedStream("06 04 61 62 ff ff ff ff ff", "ababab")), Reason.CORRUPT,
                "offset 4294967295");
    }

    @Test
    void blockThatDoesNotFillItsDeclaredLengthIsCorrupt() {
        assertFails(() -> decode(compressedStream("05 04 61 62", "ab")), Reason.CORRUPT, "2 bytes", "declares 5");
    }

    @Test
    void blockThatOverrunsItsDeclaredLengthIsCorrupt() {
        assertFails(() -> decode(compressedStream("02 08 61 62 63", "abc")), Reason.CORRUPT, "overruns");
        assertFails(() -> decode(compressedStream("04 04 61 62 05 02", "abab")), Reason.CORRUPT, "overruns");
        assertFails(() -> decode(compressedStream("04 fc ff ff ff ff 61", "a")), Reason.CORRUPT, "literal");
    }

    @Test
    void elementsCutShortAreCorrupt() {
        assertFails(() -> decode(compressedStream("06 04 61 62 02 03", "ababab")), Reason.CORRUPT, "cut short");
        assertFails(() -> decode(compressedStream("06 04 61 62 01", "ababab")), Reason.CORRUPT, "cut short");
        assertFails(() -> decode(compressedStream("0a 04 61 62 01 02 15 00", "ababababab")), Reason.CORRUPT,
                "cut short");
        assertFails(() -> decode(compressedStream("06 f4 05", "ababab")), Reason.CORRUPT, "cut short");
    }

    @Test
    void blockLengthBeyondTheS2LimitIsCorrupt() {
        // uvarint 4 MiB + 1 = 0x400001
        assertFails(() -> decode(compressedStream("81 80 80 02", "")), Reason.CORRUPT, "4194305", "exceeds");
        // 64 KiB + 1 after a Snappy identifier
        byte[] snappy = concat(hex(SNAPPY_ID), compressedChunk("81 80 04", ""));
        assertFails(() -> decode(snappy), Reason.CORRUPT, "65537", "exceeds 65536");
        assertFails(() -> decode(compressedStream("80 80 80 80 80 01", "")), Reason.CORRUPT, "longer than 5 bytes");
        assertFails(() -> decode(compressedStream("80 80 80 80 7f", "")), Reason.CORRUPT, "32 bits");
    }

    @Test
    void blockAbove64KiBIsAcceptedInAnS2Stream() {
        byte[] data = SampleData.compressible(300_000, 3);
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia().withBlockSizeBytes(300_000));
        assertThat(S2Census.of(stream)).containsKey(Kind.BLOCK_ABOVE_64_KIB);
        assertThat(decode(stream)).isEqualTo(data);
    }

    @Test
    void everyTruncationIsCorruptOrDetectedByTheLength() {
        byte[] data = SampleData.compressible(200_000, 11);
        byte[] stream = S2StreamEncoder.encode(
                data, Options.kopia().withBlockSizeBytes(50_000).withUncompressedChunks(UncompressedChunks.ALTERNATE));
        byte[] payload = withHeader(CompressorName.S2_DEFAULT, stream);
        for (int cut = 4; cut < payload.length; cut += 211) {
            byte[] truncated = Arrays.copyOf(payload, cut);
            assertFails(() -> Decompressors.decompress("content t", truncated, 0x1200, data.length),
                    Reason.CORRUPT, "content t", "s2-default");
        }
        // a cut inside a chunk is corrupt even without a known length
        int firstChunkLength = (stream[11] & 0xff) | (stream[12] & 0xff) << 8 | (stream[13] & 0xff) << 16;
        byte[] insideChunk = Arrays.copyOf(stream, 10 + 4 + firstChunkLength / 2);
        assertFails(() -> decode(insideChunk), Reason.CORRUPT, "chunk 1", "cut short");
        byte[] insideHeader = Arrays.copyOf(stream, 12);
        assertFails(() -> decode(insideHeader), Reason.CORRUPT, "chunk 1", "chunk header");
    }

    @Test
    void outputLimitIsEnforcedAcrossChunks() {
        byte[] data = new byte[3 << 20];
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia().withBlockSizeBytes(1 << 20));
        assertFails(() -> S2Decompressor.INSTANCE.decompress(stream, 0, stream.length, OutputLimit.atMost(2 << 20)),
                Reason.CORRUPT, "more than the allowed 2097152");
    }

    // --- a stream written by Go ---

    @Test
    void decodesAStreamWrittenByKlauspostsGoEncoder() throws IOException {
        byte[] stream = resource("go-s2-better-golden.s2");
        byte[] expected = resource("go-s2-better-golden.txt");
        assertThat(S2Census.of(stream)).containsKey(Kind.IDENTIFIER_S2)
                .containsKey(Kind.COMPRESSED_CHUNK)
                .containsKey(Kind.REPEAT_1_BYTE_LENGTH);
        assertThat(decode(stream)).isEqualTo(expected);
        byte[] payload = withHeader(CompressorName.S2_BETTER, stream);
        assertThat(Decompressors.decompress("content g", payload, 0x1201, expected.length)).isEqualTo(expected);

        byte[] damaged = stream.clone();
        damaged[14] ^= (byte) 0xff; // inside the CRC of the compressed chunk
        assertFails(() -> decode(damaged), Reason.CORRUPT, "CRC-32C");
        byte[] cut = Arrays.copyOf(stream, stream.length - 1);
        assertFails(() -> decode(cut), Reason.CORRUPT, "cut short");
    }

    // --- the test encoder exercises every construct ---

    @ParameterizedTest
    @ValueSource(ints = {4096, 65536, 100_000, 1 << 20, 4 << 20})
    void encoderRoundTripsAtEveryBlockSize(int blockSize) {
        byte[] data = SampleData.compressible(5 << 20, blockSize);
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia().withBlockSizeBytes(blockSize));
        assertThat(decode(stream)).isEqualTo(data);
    }

    @Test
    void encoderEmitsEveryElementKindAndChunkType() {
        byte[] data = concat(SampleData.compressible(2 << 20, 5), SampleData.random(1000, 6),
                SampleData.compressible(1 << 20, 7), SampleData.random(200_000, 8));
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia()
                .withBlockSizeBytes(4 << 20)
                .withSkippableChunk(true)
                .withPaddingMultiple(4096));
        Map<Kind, Integer> census = S2Census.of(stream);
        assertThat(census).containsKeys(
                Kind.IDENTIFIER_S2, Kind.SKIPPABLE_CHUNK, Kind.COMPRESSED_CHUNK, Kind.PADDING_CHUNK,
                Kind.LITERAL_SHORT, Kind.LITERAL_1_BYTE_LENGTH, Kind.LITERAL_2_BYTE_LENGTH,
                Kind.LITERAL_3_BYTE_LENGTH, Kind.COPY_1, Kind.COPY_2, Kind.COPY_4, Kind.REPEAT_SHORT,
                Kind.REPEAT_1_BYTE_LENGTH, Kind.REPEAT_2_BYTE_LENGTH, Kind.REPEAT_3_BYTE_LENGTH,
                Kind.BLOCK_ABOVE_64_KIB);
        assertThat(stream.length % 4096).isZero();
        assertThat(decode(stream)).isEqualTo(data);
    }

    @Test
    void encoderStoresIncompressibleBlocksUncompressed() {
        byte[] data = SampleData.random(3 << 20, 9);
        byte[] stream = S2StreamEncoder.encode(data);
        assertThat(S2Census.of(stream)).containsEntry(Kind.UNCOMPRESSED_CHUNK, 3).doesNotContainKey(
                Kind.COMPRESSED_CHUNK);
        assertThat(decode(stream)).isEqualTo(data);
    }

    @Test
    void encoderAlternatesChunkTypes() {
        byte[] data = SampleData.compressible(400_000, 9);
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia().withBlockSizeBytes(100_000)
                .withUncompressedChunks(UncompressedChunks.ALTERNATE));
        assertThat(S2Census.of(stream)).containsEntry(Kind.UNCOMPRESSED_CHUNK, 2)
                .containsEntry(Kind.COMPRESSED_CHUNK, 2);
        assertThat(decode(stream)).isEqualTo(data);
    }

    @Test
    void snappyFramedStreamWithoutRepeats() {
        byte[] data = SampleData.compressible(500_000, 13);
        byte[] stream = S2StreamEncoder.encode(data, Options.kopia().withBlockSizeBytes(65536)
                .withIdentifier(Identifier.SNAPPY));
        Map<Kind, Integer> census = S2Census.of(stream);
        assertThat(census).containsKey(Kind.IDENTIFIER_SNAPPY).doesNotContainKeys(
                Kind.IDENTIFIER_S2, Kind.REPEAT_SHORT, Kind.REPEAT_1_BYTE_LENGTH, Kind.REPEAT_2_BYTE_LENGTH,
                Kind.REPEAT_3_BYTE_LENGTH);
        assertThat(decode(stream)).isEqualTo(data);
    }

    // --- helpers: hand-assembled chunks with an independently computed CRC ---

    /** Identifier + one compressed chunk holding {@code blockHex}, whose CRC covers {@code expectedText}. */
    private static byte[] compressedStream(String blockHex, String expectedText) {
        return concat(hex(S2_ID), compressedChunk(blockHex, expectedText));
    }

    private static byte[] compressedChunk(String blockHex, String expectedText) {
        byte[] block = hex(blockHex);
        int crc = referenceMaskedCrc32c(expectedText.getBytes(StandardCharsets.US_ASCII));
        int length = 4 + block.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, (byte) length, (byte) (length >>> 8), (byte) (length >>> 16)});
        out.writeBytes(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)});
        out.writeBytes(block);
        return out.toByteArray();
    }

    /** Bitwise CRC-32C (Castagnoli, reflected polynomial 0x82f63b78), masked — independent of the JDK class. */
    private static int referenceMaskedCrc32c(byte[] data) {
        int crc = 0xffffffff;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
            }
        }
        crc = ~crc;
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static byte[] withHeader(CompressorName name, byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Compressors.writeHeader(out, name.headerId());
        out.writeBytes(stream);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = S2DecompressorTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
