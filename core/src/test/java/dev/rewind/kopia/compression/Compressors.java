package dev.rewind.kopia.compression;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Test-only Kopia compressors: {@code header ID (4 bytes, big-endian) ‖ stream}, framed as kopia writes each
 * compressor (kopia-format.md §4.8; kopia: repo/compression/compressor_*.go). Used by the Kopia fixture writer.
 *
 * <ul>
 *   <li>zstd: one streaming frame without content size, with content checksum (klauspost defaults), at the zstd level
 *       equivalent to kopia's klauspost level (fastest 1, default 3, better 7, best 11); empty input gives an empty
 *       stream, as klauspost writes no frame for it.
 *   <li>gzip: one member at Go's level (default 6, best speed 1, best compression 9).
 *   <li>pgzip: one member whose 1 MiB blocks end with a sync flush, as klauspost/pgzip does.
 *   <li>deflate: raw DEFLATE (no zlib wrapper) at the same levels.
 *   <li>lz4: one LZ4 frame (4 MiB blocks, independent, content checksum) like pierrec/lz4's defaults.
 *   <li>s2: {@link S2StreamEncoder} with kopia's framing (1 MiB blocks); all four names are the same on the wire.
 * </ul>
 */
public final class Compressors {
    private static final int PGZIP_BLOCK_BYTES = 1 << 20;

    private Compressors() {}

    /** The payload kopia stores for {@code data} compressed with {@code name}: header ID then stream. */
    public static byte[] compress(CompressorName name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        writeHeader(out, name.headerId());
        out.writeBytes(stream(name, data));
        return out.toByteArray();
    }

    /** The compressed stream alone, without the header ID. */
    public static byte[] stream(CompressorName name, byte[] data) {
        try {
            return switch (name.format()) {
                case ZSTD -> zstd(data, zstdLevel(name));
                case GZIP -> name.kopiaName().startsWith("pgzip")
                        ? pgzip(data, deflateLevel(name))
                        : gzip(data, deflateLevel(name));
                case DEFLATE -> deflate(data, deflateLevel(name));
                case LZ4_FRAME -> lz4(data);
                case S2 -> S2StreamEncoder.encode(data);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 4-byte big-endian header ID. */
    public static void writeHeader(ByteArrayOutputStream out, int headerId) {
        out.write(headerId >>> 24);
        out.write(headerId >>> 16);
        out.write(headerId >>> 8);
        out.write(headerId);
    }

    static int zstdLevel(CompressorName name) {
        return switch (name) {
            case ZSTD_FASTEST -> 1;
            case ZSTD -> 3;
            case ZSTD_BETTER_COMPRESSION -> 7;
            case ZSTD_BEST_COMPRESSION -> 11;
            default -> throw new IllegalArgumentException("not zstd: " + name);
        };
    }

    static int deflateLevel(CompressorName name) {
        String n = name.kopiaName();
        if (n.endsWith("best-speed")) {
            return Deflater.BEST_SPEED;
        }
        if (n.endsWith("best-compression")) {
            return Deflater.BEST_COMPRESSION;
        }
        return 6; // Go's DefaultCompression
    }

    private static byte[] zstd(byte[] data, int level) throws IOException {
        if (data.length == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out, level)) {
            z.setChecksum(true);
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new LeveledGzip(out, level, false)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] pgzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new LeveledGzip(out, level, true)) {
            for (int i = 0; i < data.length; i += PGZIP_BLOCK_BYTES) {
                g.write(data, i, Math.min(PGZIP_BLOCK_BYTES, data.length - i));
                g.flush(); // sync flush between blocks, as pgzip's parallel blocks end
            }
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(level, true);
        try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] lz4(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream l = new LZ4FrameOutputStream(
                out,
                LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            l.write(data);
        }
        return out.toByteArray();
    }

    /** A gzip writer with a chosen deflate level. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level, boolean syncFlush) throws IOException {
            super(out, 64 * 1024, syncFlush);
            def.setLevel(level);
        }
    }
}
