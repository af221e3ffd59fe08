package dev.rewind.kopia.compression;

import static dev.rewind.kopia.compression.DecompressorsTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import dev.rewind.error.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Damaged and unusual streams of every format decode to CORRUPT with the subject and compressor named. */
class StreamCorruptionTest {
    private static final byte[] DATA = SampleData.compressible(300_000, 42);

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void truncatedStreamIsCorrupt(CompressorName name) {
        byte[] payload = Compressors.compress(name, DATA);
        for (int keep : new int[] {payload.length - 1, payload.length - 9, payload.length / 2, 5}) {
            byte[] cut = Arrays.copyOf(payload, keep);
            assertFails(() -> Decompressors.decompress("content cut", cut, name.headerId(), DATA.length),
                    Reason.CORRUPT, "content cut", name.kopiaName());
        }
    }

    /**
     * Every format but raw DEFLATE carries its own checksum. DEFLATE has none (kopia relies on the content's AEAD tag,
     * kopia-format.md §3.1), so a flipped bit there may decode to other bytes of the same length.
     */
    @ParameterizedTest
    @EnumSource(
            value = CompressorName.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"DEFLATE_DEFAULT", "DEFLATE_BEST_SPEED", "DEFLATE_BEST_COMPRESSION"})
    void flippedByteInsideTheStreamIsCorruptEvenWithoutAKnownLength(CompressorName name) {
        byte[] payload = Compressors.compress(name, DATA);
        // the last byte holds a checksum (gzip ISIZE, zstd/lz4 content checksum) or the end of the final
        // block (deflate); the middle byte lands in compressed data
        for (int at : new int[] {payload.length - 1, payload.length / 2}) {
            byte[] damaged = payload.clone();
            damaged[at] ^= 0x55;
            assertFails(() -> Decompressors.decompress("content bad", damaged, name.headerId(), -1),
                    Reason.CORRUPT, "content bad", name.kopiaName());
        }
    }

    @Test
    void concatenatedGzipMembersAreOneStream() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Compressors.writeHeader(payload, CompressorName.PGZIP.headerId());
        byte[] first = Arrays.copyOfRange(DATA, 0, 100_000);
        byte[] second = Arrays.copyOfRange(DATA, 100_000, DATA.length);
        payload.writeBytes(Compressors.stream(CompressorName.GZIP, first));
        payload.writeBytes(Compressors.stream(CompressorName.GZIP, second));
        assertThat(Decompressors.decompress("content mm", payload.toByteArray(), 0x1300, DATA.length))
                .isEqualTo(DATA);
    }

    @Test
    void zstdFrameWithContentSizeAndWithoutChecksumAlsoDecodes() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Compressors.writeHeader(payload, CompressorName.ZSTD_FASTEST.headerId());
        payload.writeBytes(Zstd.compress(DATA, 1));
        assertThat(Decompressors.decompress("content z", payload.toByteArray(), 0x1101, DATA.length))
                .isEqualTo(DATA);
    }

    @Test
    void zstdGarbageIsCorrupt() {
        byte[] payload = {0, 0, 0x11, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertFails(() -> Decompressors.decompress("content z", payload, 0x1100, -1), Reason.CORRUPT,
                "content z", "zstd");
    }

    @Test
    void deflateIgnoresBytesAfterTheFinalBlockLikeGo() {
        byte[] payload = Compressors.compress(CompressorName.DEFLATE_BEST_SPEED, DATA);
        byte[] trailing = Arrays.copyOf(payload, payload.length + 3);
        assertThat(Decompressors.decompress("content d", trailing, 0x1501, DATA.length)).isEqualTo(DATA);
    }

    @Test
    void deflateWithAZlibWrapperIsCorrupt() {
        Deflater zlib = new Deflater(6, false);
        zlib.setInput(DATA);
        zlib.finish();
        byte[] buffer = new byte[DATA.length];
        int n = zlib.deflate(buffer);
        zlib.end();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        Compressors.writeHeader(payload, CompressorName.DEFLATE_DEFAULT.headerId());
        payload.write(buffer, 0, n);
        assertFails(() -> Decompressors.decompress("content d", payload.toByteArray(), 0x1500, DATA.length),
                Reason.CORRUPT, "content d", "deflate");
    }

    @Test
    void lz4FrameMagicIsChecked() {
        byte[] payload = Compressors.compress(CompressorName.LZ4, DATA);
        assertThat(Arrays.copyOfRange(payload, 4, 8)).containsExactly(0x04, 0x22, 0x4d, 0x18);
        payload[4] = 0x05;
        assertFails(() -> Decompressors.decompress("content l", payload, 0x1400, DATA.length), Reason.CORRUPT,
                "content l", "lz4");
    }
}
