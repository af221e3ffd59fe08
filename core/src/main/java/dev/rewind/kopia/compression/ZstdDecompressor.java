package dev.rewind.kopia.compression;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import dev.rewind.error.RewindException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;

/**
 * Zstandard through zstd-jni's streaming {@link ZstdInputStream}, because kopia's klauspost encoder writes frames
 * without a content size (kopia-format.md §4.8). The frame's content checksum, when present, is verified by zstd.
 *
 * <p>An empty stream decodes to empty data: klauspost's encoder writes no frame at all for empty input.
 */
final class ZstdDecompressor implements Decompressor {
    static final ZstdDecompressor INSTANCE = new ZstdDecompressor();

    /** Largest recorded length decompressed in one shot into a preallocated array (contents are ≤ 8 MiB). */
    private static final long ONE_SHOT_MAX_BYTES = 64L << 20;

    private ZstdDecompressor() {}

    @Override
    public CompressionFormat format() {
        return CompressionFormat.ZSTD;
    }

    @Override
    public byte[] decompress(byte[] compressed, int offset, int length, OutputLimit limit) {
        if (length == 0) {
            return new byte[0];
        }
        if (decodesInOneShot(limit)) {
            return decompressExactly(compressed, offset, length, (int) limit.maxBytes());
        }
        BoundedOutput out = new BoundedOutput("zstd", limit, length);
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed, offset, length))) {
            out.readFrom(in);
        } catch (IOException | RuntimeException e) {
            throw StreamFailures.corrupt("zstd", e);
        }
        return out.toByteArray();
    }

    /** Whether a stream under {@code limit} is decoded in one shot: its length is known and not too large. */
    static boolean decodesInOneShot(OutputLimit limit) {
        return limit.exact() && limit.maxBytes() <= ONE_SHOT_MAX_BYTES;
    }

    /**
     * One-shot decompression into an array of the length the index recorded: no intermediate buffers (the
     * streaming path costs several times more). Output that would be longer fails inside zstd
     * ("destination buffer is too small"); shorter output is caught by the length check.
     */
    private static byte[] decompressExactly(byte[] compressed, int offset, int length, int expected) {
        byte[] out = new byte[expected];
        decompressInto(compressed, offset, length, out, expected);
        return out;
    }

    /**
     * One-shot decompression of exactly {@code expected} bytes into the start of {@code out} (a reused buffer at
     * least that long); same failures as {@link #decompress}.
     */
    static void decompressInto(byte[] compressed, int offset, int length, byte[] out, int expected) {
        if (length == 0) {
            if (expected != 0) {
                throw mismatch(expected, "the stream is empty");
            }
            return;
        }
        long written;
        try {
            written = ThreadContext.CURRENT.get().context.decompressByteArray(out, 0, expected, compressed, offset,
                    length);
        } catch (ZstdException e) {
            throw mismatch(expected, e.getMessage());
        }
        if (written != expected) {
            throw mismatch(expected, "decompressed to " + written + " bytes");
        }
    }

    /**
     * One zstd decompression context per thread. {@code Zstd.decompressByteArray} creates and frees a native context
     * per call, which costs more than decoding a small content (about 24 µs against 9 µs for an 8 KiB directory
     * listing on the development VM); every one-shot decode reuses its thread's context instead — the one-shot API
     * starts every frame afresh, so a damaged frame leaves nothing behind. zstd-jni does not free contexts on
     * garbage collection, so a {@link Cleaner} closes a thread's context once the thread and its thread-locals are
     * gone (worker pools come and go with each verify or extract).
     */
    private static final class ThreadContext {
        private static final Cleaner CLEANER = Cleaner.create();
        static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

        final ZstdDecompressCtx context = new ZstdDecompressCtx();

        private ThreadContext() {
            ZstdDecompressCtx owned = context;
            CLEANER.register(this, owned::close);
        }
    }

    private static RewindException mismatch(int expected, String detail) {
        return StreamFailures.corrupt("zstd", new java.io.IOException(
                "does not decompress to the recorded " + expected + " bytes: " + detail));
    }
}
