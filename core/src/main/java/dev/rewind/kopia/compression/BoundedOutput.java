package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that refuses to grow past an {@link OutputLimit}. Not thread-safe; one per decompression.
 */
final class BoundedOutput {
    private static final int MIN_CAPACITY = 64 * 1024;
    /** Even an exact expected length is allocated in one go only up to this size; beyond it the buffer grows. */
    private static final long MAX_UPFRONT_BYTES = 64L << 20;

    private final String format;
    private final long maxBytes;
    private byte[] buffer;
    private int size;

    BoundedOutput(String format, OutputLimit limit, int compressedLength) {
        this.format = format;
        this.maxBytes = limit.maxBytes();
        long initial = limit.exact()
                ? Math.min(limit.maxBytes(), MAX_UPFRONT_BYTES)
                : Math.min(limit.maxBytes(), Math.max(MIN_CAPACITY, 4L * compressedLength));
        this.buffer = new byte[(int) initial];
    }

    /** Makes room for {@code more} bytes after the current end, or fails with CORRUPT past the limit. */
    void reserve(long more) {
        long needed = size + more;
        if (more < 0 || needed > maxBytes) {
            throw new RewindException(
                    Reason.CORRUPT,
                    format + " stream decompresses to more than the allowed " + maxBytes + " bytes");
        }
        if (needed > buffer.length) {
            long grown = Math.max(needed, Math.min(maxBytes, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, (int) grown);
        }
    }

    /** The backing array; valid until the next {@link #reserve}. Bytes past {@link #size()} are scratch space. */
    byte[] array() {
        return buffer;
    }

    /** Whether the output has reached the limit, so that one more byte would be too many. */
    boolean atLimit() {
        return size >= maxBytes;
    }

    int size() {
        return size;
    }

    /** Marks {@code count} reserved bytes, already written into {@link #array()}, as part of the output. */
    void advance(int count) {
        size += count;
    }

    void write(byte[] source, int offset, int length) {
        reserve(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /**
     * Reads {@code in} to its end. Reads one byte past the limit at most, so a bomb costs no more than the limit.
     */
    void readFrom(InputStream in) throws IOException {
        while (true) {
            if (size == buffer.length) {
                if (size >= maxBytes) {
                    if (in.read() < 0) {
                        return;
                    }
                    reserve(1); // throws: one byte more than allowed
                }
                reserve(1);
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                return;
            }
            size += n;
        }
    }

    /** The output; the backing array itself when it is exactly full. */
    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
