package dev.rewind.kopia.object;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * Decompresses the payload of a {@code Z}-prefixed object (object-level compression of format v1 repositories,
 * kopia-format.md §7.1–§7.2): a 4-byte big-endian compression header id followed by the compressed bytes
 * (kopia-format.md §4.8). The lead wires this to the {@code kopia.compression} decompressors.
 *
 * <p>Failures: an unknown header id is {@link Reason#UNSUPPORTED}, a damaged stream {@link Reason#CORRUPT}; both
 * name {@code object}.
 */
@FunctionalInterface
public interface ObjectDecompressor {

    /** The decompressed bytes of {@code object}, whose stored payload is {@code payload}. */
    byte[] decompress(ObjectId object, byte[] payload);

    /** A decompressor for repositories without object-level compression: every call is UNSUPPORTED. */
    static ObjectDecompressor unsupported() {
        return (object, payload) -> {
            throw new RewindException(Reason.UNSUPPORTED,
                    "object " + object + " uses object-level compression, which this reader was not given");
        };
    }
}
