package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The registry of Kopia decompressors by header ID and the entry point of the content reader (kopia-format.md §4.7
 * step 5, §4.8).
 *
 * <p>A compressed Kopia payload is the compressor's 4-byte big-endian header ID followed by its stream. The index v2
 * entry records the same header ID and the original length; {@link #decompress(String, byte[], int, long)} checks
 * both. Every method is stateless and thread-safe.
 *
 * <p>Failures, always {@link RewindException}:
 *
 * <ul>
 *   <li>{@link Reason#UNSUPPORTED} — the header ID belongs to no known compressor (message names it in hex);
 *   <li>{@link Reason#CORRUPT} — the payload is shorter than its header, its header differs from the one the index
 *       records, the stream is damaged or truncated, or the output is longer (or shorter) than expected or longer
 *       than the cap when the length is unknown (decompression-bomb guard).
 * </ul>
 */
public final class Decompressors {
    /** The output cap when the original length is unknown (index v1, {@code Z} objects): 64 MiB. */
    public static final long DEFAULT_MAX_UNKNOWN_LENGTH_BYTES = 64L << 20;

    /** Size of the header ID in front of each compressed payload. */
    public static final int HEADER_BYTES = 4;

    /** Pass as the expected length when it is not known. */
    public static final long UNKNOWN_LENGTH = -1;

    private static final String DEFAULT_SUBJECT = "compressed payload";

    private Decompressors() {}

    /** The decoder for {@code headerId}, if the header ID is known. */
    public static Optional<Decompressor> findForHeaderId(int headerId) {
        return CompressorName.findByHeaderId(headerId).map(name -> forFormat(name.format()));
    }

    /**
     * The decoder for {@code headerId}.
     *
     * @throws RewindException {@link Reason#UNSUPPORTED} naming the header ID in hex when it is unknown
     */
    public static Decompressor forHeaderId(int headerId) {
        return forFormat(CompressorName.getByHeaderId(headerId).format());
    }

    /** The decoder for a stream format. */
    public static Decompressor forFormat(CompressionFormat format) {
        return switch (format) {
            case GZIP -> GzipDecompressor.INSTANCE;
            case ZSTD -> ZstdDecompressor.INSTANCE;
            case S2 -> S2Decompressor.INSTANCE;
            case LZ4_FRAME -> Lz4FrameDecompressor.INSTANCE;
            case DEFLATE -> DeflateDecompressor.INSTANCE;
        };
    }

    /**
     * Same as {@link #decompress(String, byte[], int, long)} with the subject "compressed payload".
     */
    public static byte[] decompress(byte[] payloadWithHeader, int expectedHeaderId, long expectedOriginalLength) {
        return decompress(DEFAULT_SUBJECT, payloadWithHeader, expectedHeaderId, expectedOriginalLength);
    }

    /**
     * Decompresses a content payload as the index describes it.
     *
     * @param subject what the payload is, for messages (e.g. {@code "content 1f2e…"}); never a secret
     * @param payloadWithHeader the decrypted content: 4-byte big-endian header ID, then the compressed stream
     * @param expectedHeaderId the compression header ID of the index entry; {@link
     *     CompressorName#UNCOMPRESSED_HEADER_ID} (0) means the payload is not compressed and is returned as it is
     *     (after the length check)
     * @param expectedOriginalLength the original length of the index entry, or {@link #UNKNOWN_LENGTH} (-1); when
     *     unknown the output is capped at {@link #DEFAULT_MAX_UNKNOWN_LENGTH_BYTES}
     * @return the uncompressed bytes
     * @throws RewindException UNSUPPORTED for an unknown header ID, CORRUPT as described on the class
     */
    public static byte[] decompress(
            String subject, byte[] payloadWithHeader, int expectedHeaderId, long expectedOriginalLength) {
        return decompress(
                subject,
                payloadWithHeader,
                expectedHeaderId,
                expectedOriginalLength,
                DEFAULT_MAX_UNKNOWN_LENGTH_BYTES);
    }

    /**
     * As {@link #decompress(String, byte[], int, long)}, with an explicit cap for outputs of unknown length.
     *
     * @param maxUnknownLengthBytes the largest output accepted when {@code expectedOriginalLength} is unknown
     */
    public static byte[] decompress(
            String subject,
            byte[] payloadWithHeader,
            int expectedHeaderId,
            long expectedOriginalLength,
            long maxUnknownLengthBytes) {
        checkOriginalLength(subject, expectedOriginalLength);
        if (expectedHeaderId == CompressorName.UNCOMPRESSED_HEADER_ID) {
            checkLength(subject, payloadWithHeader.length, expectedOriginalLength, "uncompressed");
            return payloadWithHeader;
        }
        return decompressPayload(subject, payloadWithHeader, payloadWithHeader.length, expectedHeaderId,
                expectedOriginalLength, maxUnknownLengthBytes, byte[]::new);
    }

    /**
     * As {@link #decompress(String, byte[], int, long)} for a compressed payload held in
     * {@code payloadWithHeader[0, payloadLength)} — a reused buffer (see
     * {@link dev.rewind.kopia.content.ContentBuffers}). When the original length is known and the format decodes in
     * one shot (zstd), the output goes into {@code output.apply(originalLength)}, an array at least that long that
     * the caller reuses; otherwise into a new array of its own. The valid bytes are the first
     * {@code originalLength} (when known) or the whole returned array.
     *
     * @throws IllegalArgumentException for the uncompressed header ID: such a payload needs no decoding
     */
    public static byte[] decompress(String subject, byte[] payloadWithHeader, int payloadLength,
                                    int expectedHeaderId, long expectedOriginalLength, IntFunction<byte[]> output) {
        if (expectedHeaderId == CompressorName.UNCOMPRESSED_HEADER_ID) {
            throw new IllegalArgumentException("an uncompressed payload needs no decompression");
        }
        Objects.checkFromIndexSize(0, payloadLength, payloadWithHeader.length);
        checkOriginalLength(subject, expectedOriginalLength);
        return decompressPayload(subject, payloadWithHeader, payloadLength, expectedHeaderId, expectedOriginalLength,
                DEFAULT_MAX_UNKNOWN_LENGTH_BYTES, output);
    }

    private static void checkOriginalLength(String subject, long expectedOriginalLength) {
        if (expectedOriginalLength < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("expectedOriginalLength must be >= -1: " + expectedOriginalLength);
        }
        if (expectedOriginalLength > OutputLimit.MAX_ARRAY_BYTES) {
            throw new RewindException(
                    Reason.UNSUPPORTED,
                    subject + ": original length " + expectedOriginalLength + " bytes is too large to hold in memory");
        }
    }

    /**
     * Decodes a compressed payload after checking its header; zstd with an exact limit decodes in one shot into
     * {@code output.apply(length)}, every other case into an array of the decoder's own.
     */
    private static byte[] decompressPayload(String subject, byte[] payload, int payloadLength, int expectedHeaderId,
                                            long expectedOriginalLength, long maxUnknownLengthBytes,
                                            IntFunction<byte[]> output) {
        CompressorName name = checkedName(subject, payload, payloadLength, expectedHeaderId);
        OutputLimit limit = expectedOriginalLength == UNKNOWN_LENGTH
                ? OutputLimit.atMost(maxUnknownLengthBytes)
                : OutputLimit.exactly(expectedOriginalLength);
        if (name.format() == CompressionFormat.ZSTD && ZstdDecompressor.decodesInOneShot(limit)) {
            int length = (int) limit.maxBytes();
            byte[] out = output.apply(length);
            try {
                ZstdDecompressor.decompressInto(payload, HEADER_BYTES, payloadLength - HEADER_BYTES, out, length);
            } catch (RewindException e) {
                throw described(subject, name, e);
            }
            return out;
        }
        byte[] decoded = decode(subject, name, payload, payloadLength, limit);
        checkLength(subject, decoded.length, expectedOriginalLength, name.kopiaName());
        return decoded;
    }

    /** The compressor the index records, after checking it is known and that the payload starts with its header. */
    private static CompressorName checkedName(String subject, byte[] payload, int payloadLength, int expectedHeaderId) {
        CompressorName name = CompressorName.findByHeaderId(expectedHeaderId)
                .orElseThrow(() -> new RewindException(
                        Reason.UNSUPPORTED,
                        subject + ": unsupported compression header id " + CompressorName.hex(expectedHeaderId),
                        "kopia-format.md §4.8 lists the known compressors",
                        null));
        int actualHeaderId = headerIdOf(subject, payload, payloadLength);
        if (actualHeaderId != expectedHeaderId) {
            throw new RewindException(
                    Reason.CORRUPT,
                    subject + ": payload starts with compression header " + CompressorName.hex(actualHeaderId)
                            + " but the index records " + CompressorName.hex(expectedHeaderId) + " (" + name + ")");
        }
        return name;
    }

    /**
     * Decompresses a payload whose only description is its own header — a legacy {@code Z} object chunk (index v1,
     * kopia-format.md §7.1), where no index entry records the compressor or the length.
     *
     * @param maxOutputBytes the largest output accepted
     * @throws RewindException UNSUPPORTED for an unknown header ID, CORRUPT as described on the class
     */
    public static byte[] decompressSelfDescribed(String subject, byte[] payloadWithHeader, long maxOutputBytes) {
        int headerId = headerIdOf(subject, payloadWithHeader);
        CompressorName name = CompressorName.findByHeaderId(headerId)
                .orElseThrow(() -> new RewindException(
                        Reason.UNSUPPORTED,
                        subject + ": unsupported compression header id " + CompressorName.hex(headerId),
                        "kopia-format.md §4.8 lists the known compressors",
                        null));
        return decode(subject, name, payloadWithHeader, payloadWithHeader.length, OutputLimit.atMost(maxOutputBytes));
    }

    /**
     * The header ID at the start of a payload.
     *
     * @throws RewindException CORRUPT when the payload is shorter than 4 bytes
     */
    public static int headerIdOf(String subject, byte[] payloadWithHeader) {
        return headerIdOf(subject, payloadWithHeader, payloadWithHeader.length);
    }

    private static int headerIdOf(String subject, byte[] payloadWithHeader, int payloadLength) {
        if (payloadLength < HEADER_BYTES) {
            throw new RewindException(
                    Reason.CORRUPT,
                    subject + ": " + payloadLength + " bytes are too short for a compression header");
        }
        return (payloadWithHeader[0] & 0xff) << 24
                | (payloadWithHeader[1] & 0xff) << 16
                | (payloadWithHeader[2] & 0xff) << 8
                | (payloadWithHeader[3] & 0xff);
    }

    private static byte[] decode(String subject, CompressorName name, byte[] payload, int payloadLength,
                                 OutputLimit limit) {
        try {
            return forFormat(name.format())
                    .decompress(payload, HEADER_BYTES, payloadLength - HEADER_BYTES, limit);
        } catch (RewindException e) {
            throw described(subject, name, e);
        }
    }

    private static RewindException described(String subject, CompressorName name, RewindException e) {
        return new RewindException(e.reason(), subject + ": " + name + " (" + CompressorName.hex(name.headerId())
                + "): " + e.getMessage(), e.hint().orElse(null), e);
    }

    /**
     * Checks the length of an uncompressed payload against the index ({@link #UNKNOWN_LENGTH}: no check), as
     * {@link #decompress(String, byte[], int, long)} does for header ID 0.
     *
     * @throws RewindException CORRUPT when the lengths differ
     */
    public static void checkUncompressedLength(String subject, long actual, long expectedOriginalLength) {
        checkLength(subject, actual, expectedOriginalLength, "uncompressed");
    }

    private static void checkLength(String subject, long actual, long expected, String what) {
        if (expected != UNKNOWN_LENGTH && actual != expected) {
            throw new RewindException(
                    Reason.CORRUPT,
                    subject + ": " + what + " data is " + actual + " bytes but the index records " + expected);
        }
    }
}
