package dev.rewind.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * An output stream onto a {@link FileChannel} that hands the bytes to the kernel through one small direct buffer
 * owned by the caller. Writing a heap array to a channel otherwise goes through a JDK temporary direct buffer of
 * the write's full size (up to a whole decoded content, several MiB): one more pass over memory that no longer fits
 * in the CPU cache, and a fresh allocation whenever a larger content comes along. Through a buffer of a few hundred
 * KiB the copy stays in the cache on its way to the kernel.
 *
 * <p>Not thread-safe: one writer, one buffer at a time. Closing closes the channel, not the buffer.
 */
final class StagedFileOutput extends OutputStream {
    private final FileChannel channel;
    private final ByteBuffer staging;

    StagedFileOutput(FileChannel channel, ByteBuffer staging) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.staging = Objects.requireNonNull(staging, "staging");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int from = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, staging.capacity());
            staging.clear();
            staging.put(bytes, from, n).flip();
            while (staging.hasRemaining()) {
                channel.write(staging);
            }
            from += n;
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
