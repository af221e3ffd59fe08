package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Every compressor Kopia has ever registered, with its policy name and the 4-byte big-endian header ID that prefixes
 * each compressed payload (kopia-format.md §4.8; kopia: repo/compression/compression_ids.go and compressor_*.go).
 *
 * <p>The header ID is also what index v2 entries record per content. {@code 0} is not a compressor: it means the
 * content is stored uncompressed.
 */
public enum CompressorName {
    GZIP("gzip", 0x1000, CompressionFormat.GZIP),
    GZIP_BEST_SPEED("gzip-best-speed", 0x1001, CompressionFormat.GZIP),
    GZIP_BEST_COMPRESSION("gzip-best-compression", 0x1002, CompressionFormat.GZIP),

    ZSTD("zstd", 0x1100, CompressionFormat.ZSTD),
    ZSTD_FASTEST("zstd-fastest", 0x1101, CompressionFormat.ZSTD),
    ZSTD_BETTER_COMPRESSION("zstd-better-compression", 0x1102, CompressionFormat.ZSTD),
    /** Deprecated name in kopia (no longer offered for new policies), still readable. */
    ZSTD_BEST_COMPRESSION("zstd-best-compression", 0x1103, CompressionFormat.ZSTD),

    S2_DEFAULT("s2-default", 0x1200, CompressionFormat.S2),
    S2_BETTER("s2-better", 0x1201, CompressionFormat.S2),
    S2_PARALLEL_4("s2-parallel-4", 0x1202, CompressionFormat.S2),
    S2_PARALLEL_8("s2-parallel-8", 0x1203, CompressionFormat.S2),

    PGZIP("pgzip", 0x1300, CompressionFormat.GZIP),
    PGZIP_BEST_SPEED("pgzip-best-speed", 0x1301, CompressionFormat.GZIP),
    PGZIP_BEST_COMPRESSION("pgzip-best-compression", 0x1302, CompressionFormat.GZIP),

    /** Deprecated in kopia ≤ 0.22.3 and removed in 0.23 (which cannot read it any more); readable here. */
    LZ4("lz4", 0x1400, CompressionFormat.LZ4_FRAME),

    DEFLATE_DEFAULT("deflate-default", 0x1500, CompressionFormat.DEFLATE),
    DEFLATE_BEST_SPEED("deflate-best-speed", 0x1501, CompressionFormat.DEFLATE),
    DEFLATE_BEST_COMPRESSION("deflate-best-compression", 0x1502, CompressionFormat.DEFLATE);

    /** The header ID meaning "not compressed" in index entries. */
    public static final int UNCOMPRESSED_HEADER_ID = 0;

    private final String kopiaName;
    private final int headerId;
    private final CompressionFormat format;

    CompressorName(String kopiaName, int headerId, CompressionFormat format) {
        this.kopiaName = kopiaName;
        this.headerId = headerId;
        this.format = format;
    }

    /** The name used in kopia policies ({@code kopia policy set --compression=<name>}). */
    public String kopiaName() {
        return kopiaName;
    }

    /** The 4-byte header ID (written big-endian before the stream). */
    public int headerId() {
        return headerId;
    }

    /** The stream format a reader must decode. */
    public CompressionFormat format() {
        return format;
    }

    /** The compressor registered under {@code headerId}, if any. */
    public static Optional<CompressorName> findByHeaderId(int headerId) {
        return Arrays.stream(values()).filter(n -> n.headerId == headerId).findFirst();
    }

    /**
     * The compressor registered under {@code headerId}.
     *
     * @throws RewindException {@link Reason#UNSUPPORTED} naming the ID in hex when no compressor has it
     */
    public static CompressorName getByHeaderId(int headerId) {
        return findByHeaderId(headerId)
                .orElseThrow(() -> new RewindException(
                        Reason.UNSUPPORTED,
                        "unsupported compression header id " + hex(headerId),
                        "kopia-format.md §4.8 lists the known compressors",
                        null));
    }

    /** The compressor with the kopia policy name {@code kopiaName} (exact, case-sensitive), if any. */
    public static Optional<CompressorName> findByKopiaName(String kopiaName) {
        return Arrays.stream(values()).filter(n -> n.kopiaName.equals(kopiaName)).findFirst();
    }

    /**
     * The compressor with the kopia policy name {@code kopiaName}.
     *
     * @throws RewindException {@link Reason#UNSUPPORTED} when the name is unknown
     */
    public static CompressorName getByKopiaName(String kopiaName) {
        return findByKopiaName(kopiaName)
                .orElseThrow(() -> new RewindException(
                        Reason.UNSUPPORTED, "unsupported compressor name '" + kopiaName + "'"));
    }

    /** Formats a header ID the way messages show it: {@code 0x1200}. */
    public static String hex(int headerId) {
        return "0x" + HexFormat.of().toHexDigits(headerId).replaceFirst("^0{1,4}", "");
    }

    @Override
    public String toString() {
        return kopiaName;
    }
}
