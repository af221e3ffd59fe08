package dev.rewind.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFileOutputTest {
    @TempDir
    Path dir;

    @Test
    void writesArraysLargerThanTheStagingBufferWhole() throws IOException {
        byte[] data = new byte[(1 << 20) + 17];
        new SplittableRandom(3).nextBytes(data);
        Path file = dir.resolve("f");
        ByteBuffer staging = ByteBuffer.allocateDirect(1000);
        try (StagedFileOutput out = open(file, staging)) {
            out.write(data, 5, data.length - 5);   // 1,048 full buffers and a partial one
            out.write(data[0]);
        }
        byte[] expected = Arrays.copyOf(Arrays.copyOfRange(data, 5, data.length), data.length - 4);
        expected[expected.length - 1] = data[0];
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void theStagingBufferServesTheNextFileAfterClose() throws IOException {
        ByteBuffer staging = ByteBuffer.allocateDirect(8);
        try (StagedFileOutput out = open(dir.resolve("a"), staging)) {
            out.write("first file".getBytes(), 0, 10);
        }
        try (StagedFileOutput out = open(dir.resolve("b"), staging)) {
            out.write("second".getBytes(), 0, 6);
        }
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("first file");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("second");
    }

    @Test
    void refusesARangeOutsideTheArray() throws IOException {
        try (StagedFileOutput out = open(dir.resolve("c"), ByteBuffer.allocateDirect(8))) {
            assertThatThrownBy(() -> out.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(Files.size(dir.resolve("c"))).isZero();
    }

    private static StagedFileOutput open(Path file, ByteBuffer staging) throws IOException {
        return new StagedFileOutput(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                staging);
    }
}
