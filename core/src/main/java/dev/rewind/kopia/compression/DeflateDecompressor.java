package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Raw DEFLATE (RFC 1951, no zlib wrapper — klauspost {@code flate.NewWriter}, kopia: compressor_deflate.go) through
 * {@link Inflater} in {@code nowrap} mode (kopia-format.md §4.8). Like Go's {@code flate} reader, bytes after the
 * final block are ignored; a stream that ends before its final block is {@code CORRUPT}.
 */
final class DeflateDecompressor implements Decompressor {
    static final DeflateDecompressor INSTANCE = new DeflateDecompressor();

    private DeflateDecompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.DEFLATE;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        BoundedOutput out = new BoundedOutput("deflate", limit, length);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed, offset, length);
            byte[] probe = new byte[1];
            while (!inflater.finished()) {
                int n;
                if (out.size() < out.array().length) {
                    n = inflater.inflate(out.array(), out.size(), out.array().length - out.size());
                    out.advance(n);
                } else if (out.atLimit()) {
                    n = inflater.inflate(probe);
                    if (n > 0) {
                        out.reserve(1); // throws: the stream holds more than allowed
                    }
                } else {
                    out.reserve(1);
                    continue;
                }
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new RewindException(Reason.CORRUPT, "deflate stream asks for a preset dictionary");
                    }
                    throw new RewindException(
                            Reason.CORRUPT,
                            "deflate stream is truncated after " + out.size() + " decompressed bytes");
                }
            }
        } catch (DataFormatException e) {
            throw StreamFailures.corrupt("deflate", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
