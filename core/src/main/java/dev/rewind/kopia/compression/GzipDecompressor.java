package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * gzip ({@code gzip*} written by Go's {@code compress/gzip}, {@code pgzip*} by klauspost/pgzip) through the JDK's
 * {@link GZIPInputStream}, which verifies each member's CRC-32 and length and reads concatenated members
 * (kopia-format.md §4.8).
 */
final class GzipDecompressor implements Decompressor {
    static final GzipDecompressor INSTANCE = new GzipDecompressor();

    private GzipDecompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.GZIP;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        if (length == 0) {
            throw new RewindException(Reason.CORRUPT, "gzip stream is empty");
        }
        BoundedOutput out = new BoundedOutput("gzip", limit, length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed, offset, length))) {
            out.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw StreamFailures.corrupt("gzip", e);
        }
        return out.toByteArray();
    }
}
