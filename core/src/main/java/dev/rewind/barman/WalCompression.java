package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The compression of one archived WAL-style object, told by its key suffix (cnpg-barman.md §3.1): exactly one known
 * suffix, {@code .zst} (not {@code .zstd}), Snappy in the framing format and LZ4 in the frame format.
 */
public enum WalCompression {
    NONE(""),
    GZIP(".gz"),
    BZIP2(".bz2"),
    XZ(".xz"),
    SNAPPY(".snappy"),
    ZSTD(".zst"),
    LZ4(".lz4");

    private final String suffix;

    WalCompression(String suffix) {
        this.suffix = suffix;
    }

    /** The key suffix, empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The compression of a file name: the one known suffix it ends with, else {@link #NONE}. */
    public static WalCompression ofFileName(String fileName) {
        for (WalCompression c : values()) {
            if (c != NONE && fileName.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** {@code fileName} without this compression's suffix. */
    public String strip(String fileName) {
        return fileName.substring(0, fileName.length() - suffix.length());
    }

    /** Decompresses a whole object; {@code source} names it in the error (reason CORRUPT) when it is damaged. */
    public byte[] decompress(byte[] bytes, String source) {
        if (this == NONE) {
            return bytes;
        }
        try (InputStream in = open(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new RewindException(Reason.CORRUPT, "cannot decompress " + source + " as " + name().toLowerCase()
                    + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case SNAPPY -> new FramedSnappyCompressorInputStream(in);
            case ZSTD -> new ZstdCompressorInputStream(in);
            case LZ4 -> new FramedLZ4CompressorInputStream(in, true);
        };
    }
}
