package dev.rewind.kopia.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DecompressorsTest {
    private static final int[] SIZES = {0, 1, 100 * 1024, 5 * 1024 * 1024};

    static Stream<Arguments> everyCompressorSizeAndKind() {
        return Arrays.stream(CompressorName.values())
                .flatMap(name -> Arrays.stream(SIZES).boxed().flatMap(size -> Stream.of(
                        Arguments.of(name, size, "random"), Arguments.of(name, size, "compressible"))));
    }

    @ParameterizedTest(name = "{0} {1} bytes {2}")
    @MethodSource("everyCompressorSizeAndKind")
    void roundTripsEveryCompressor(CompressorName name, int size, String kind) {
        byte[] data = kind.equals("random") ? SampleData.random(size, size) : SampleData.compressible(size, size);
        byte[] payload = Compressors.compress(name, data);

        assertThat(Decompressors.headerIdOf("payload", payload)).isEqualTo(name.headerId());
        assertThat(Decompressors.decompress("content c1", payload, name.headerId(), data.length)).isEqualTo(data);
        assertThat(Decompressors.decompress(payload, name.headerId(), Decompressors.UNKNOWN_LENGTH))
                .isEqualTo(data);
        assertThat(Decompressors.decompressSelfDescribed("object Zc1", payload, data.length)).isEqualTo(data);
        byte[] inLongerBuffer = Arrays.copyOf(payload, payload.length + 17);
        Arrays.fill(inLongerBuffer, payload.length, inLongerBuffer.length, (byte) 0x7f);
        byte[] reused = new byte[data.length + 9];
        byte[] out = Decompressors.decompress("content c1", inLongerBuffer, payload.length, name.headerId(),
                data.length, n -> reused);
        assertThat(Arrays.copyOf(out, data.length)).isEqualTo(data);
        if (name.format() == CompressionFormat.ZSTD) {
            assertThat(out).as("zstd decodes into the caller's array").isSameAs(reused);
        } else {
            assertThat(out).hasSize(data.length);
        }
        if (kind.equals("compressible") && size > 1024) {
            assertThat(payload.length).isLessThan(data.length / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void forHeaderIdGivesTheFormatsDecoder(CompressorName name) {
        assertThat(Decompressors.forHeaderId(name.headerId()).format()).isEqualTo(name.format());
        assertThat(Decompressors.findForHeaderId(name.headerId())).isPresent();
    }

    @Test
    void decodingIntoAReusedArrayKeepsTheChecks() {
        byte[] data = SampleData.compressible(50_000, 3);
        byte[] payload = Compressors.compress(CompressorName.ZSTD, data);
        byte[] reused = new byte[100_000];

        assertThatThrownBy(() -> Decompressors.decompress("content c1", payload, payload.length,
                CompressorName.ZSTD.headerId(), data.length - 1, n -> reused))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("content c1").hasMessageContaining("zstd");
        assertThatThrownBy(() -> Decompressors.decompress("content c1", payload, payload.length,
                CompressorName.GZIP.headerId(), data.length, n -> reused))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("index records");
        assertThatThrownBy(() -> Decompressors.decompress("content c1", payload, 3,
                CompressorName.ZSTD.headerId(), data.length, n -> reused))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> Decompressors.decompress("content c1", payload, payload.length,
                CompressorName.UNCOMPRESSED_HEADER_ID, data.length, n -> reused))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] unknownLength = Decompressors.decompress("content c1", payload, payload.length,
                CompressorName.ZSTD.headerId(), Decompressors.UNKNOWN_LENGTH, n -> reused);
        assertThat(unknownLength).isEqualTo(data);
    }

    @Test
    void aDamagedZstdFrameLeavesTheThreadsDecoderUsable() {
        byte[] data = SampleData.compressible(20_000, 4);
        byte[] payload = Compressors.compress(CompressorName.ZSTD_FASTEST, data);
        byte[] damaged = payload.clone();
        damaged[damaged.length / 2] ^= 0x55;
        damaged[damaged.length / 2 + 1] ^= 0x55;
        int header = CompressorName.ZSTD_FASTEST.headerId();

        assertThatThrownBy(() -> Decompressors.decompress("content c1", damaged, header, data.length))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
        assertThatThrownBy(() -> Decompressors.decompress("content c1", payload, header, data.length + 1))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
        assertThat(Decompressors.decompress("content c1", payload, header, data.length)).isEqualTo(data);
    }

    @Test
    void zstdDecodesConcurrentlyOnManyThreads() throws Exception {
        int threads = 8;
        byte[][] data = new byte[threads][];
        byte[][] payloads = new byte[threads][];
        for (int i = 0; i < threads; i++) {
            data[i] = SampleData.compressible(50_000 + i * 1_000, i);
            payloads[i] = Compressors.compress(CompressorName.ZSTD, data[i]);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < threads; i++) {
                int t = i;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 50; round++) {
                        byte[] out = Decompressors.decompress("content c" + t, payloads[t],
                                CompressorName.ZSTD.headerId(), data[t].length);
                        if (!Arrays.equals(out, data[t])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownHeaderIdIsUnsupported() {
        assertThat(Decompressors.findForHeaderId(0x1600)).isEmpty();
        assertFails(() -> Decompressors.forHeaderId(0x1600), Reason.UNSUPPORTED, "0x1600");
        byte[] payload = {0, 0, 0x16, 0, 1, 2, 3};
        assertFails(() -> Decompressors.decompress("content abc", payload, 0x1600, 3), Reason.UNSUPPORTED,
                "content abc", "0x1600");
        assertFails(() -> Decompressors.decompressSelfDescribed("object Zabc", payload, 100), Reason.UNSUPPORTED,
                "object Zabc", "0x1600");
    }

    @Test
    void headerThatDiffersFromTheIndexIsCorrupt() {
        byte[] payload = Compressors.compress(CompressorName.ZSTD, "hello".getBytes());
        assertFails(() -> Decompressors.decompress("content abc", payload, CompressorName.S2_DEFAULT.headerId(), 5),
                Reason.CORRUPT, "content abc", "0x1100", "0x1200", "s2-default");
    }

    @Test
    void payloadShorterThanTheHeaderIsCorrupt() {
        assertFails(() -> Decompressors.decompress("content abc", new byte[] {0, 0, 0x11}, 0x1100, -1),
                Reason.CORRUPT, "content abc", "3 bytes");
    }

    @Test
    void uncompressedHeaderIdReturnsThePayloadAfterTheLengthCheck() {
        byte[] plain = "plain".getBytes();
        assertThat(Decompressors.decompress("content abc", plain, CompressorName.UNCOMPRESSED_HEADER_ID, 5))
                .isEqualTo(plain);
        assertThat(Decompressors.decompress(plain, 0, Decompressors.UNKNOWN_LENGTH)).isEqualTo(plain);
        assertFails(() -> Decompressors.decompress("content abc", plain, 0, 6), Reason.CORRUPT, "content abc", "5",
                "6");
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void outputShorterThanTheIndexSaysIsCorrupt(CompressorName name) {
        byte[] payload = Compressors.compress(name, SampleData.compressible(10_000, 7));
        assertFails(() -> Decompressors.decompress("content abc", payload, name.headerId(), 10_001),
                Reason.CORRUPT, "content abc", "10000", "10001");
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void outputLongerThanTheIndexSaysIsRefusedAsCorrupt(CompressorName name) {
        byte[] payload = Compressors.compress(name, SampleData.compressible(10_000, 7));
        assertFails(() -> Decompressors.decompress("content abc", payload, name.headerId(), 9_999),
                Reason.CORRUPT, "content abc", "9999");
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void bombIsRefusedAtTheCapWhenTheLengthIsUnknown(CompressorName name) {
        byte[] bomb = new byte[8 << 20]; // 8 MiB of zeros compresses to little
        byte[] payload = Compressors.compress(name, bomb);
        assertFails(() -> Decompressors.decompress("content abc", payload, name.headerId(), -1, 1 << 20),
                Reason.CORRUPT, "content abc", String.valueOf(1 << 20));
        assertFails(() -> Decompressors.decompressSelfDescribed("object Zabc", payload, 1 << 20),
                Reason.CORRUPT, "object Zabc");
        assertThat(Decompressors.decompress("content abc", payload, name.headerId(), -1, bomb.length))
                .hasSize(bomb.length);
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void hugeRecordedLengthIsNotAllocatedUpFront(CompressorName name) {
        byte[] payload = Compressors.compress(name, "small".getBytes());
        long claimed = OutputLimit.MAX_ARRAY_BYTES;
        assertFails(() -> Decompressors.decompress("content h", payload, name.headerId(), claimed),
                Reason.CORRUPT, "content h", "5 bytes", String.valueOf(claimed));
        assertFails(() -> Decompressors.decompress("content h", payload, name.headerId(), claimed + 1),
                Reason.UNSUPPORTED, "content h", String.valueOf(claimed + 1));
    }

    @Test
    void defaultCapIs64MiB() {
        assertThat(Decompressors.DEFAULT_MAX_UNKNOWN_LENGTH_BYTES).isEqualTo(64L << 20);
    }

    @Test
    void emptyStreamsOfFormatsWhoseGoWritersEmitNothingDecodeToEmpty() {
        for (CompressorName name : new CompressorName[] {CompressorName.ZSTD, CompressorName.S2_DEFAULT,
            CompressorName.LZ4}) {
            assertThat(Decompressors.decompress("content e", headerOnly(name), name.headerId(), 0)).isEmpty();
        }
        for (CompressorName name : new CompressorName[] {CompressorName.GZIP, CompressorName.DEFLATE_DEFAULT}) {
            assertFails(() -> Decompressors.decompress("content e", headerOnly(name), name.headerId(), 0),
                    Reason.CORRUPT, "content e");
        }
    }

    @Test
    void emptyInputEncodesLikeKopiasWriters() {
        assertThat(Compressors.stream(CompressorName.ZSTD, new byte[0])).isEmpty();
        assertThat(Compressors.stream(CompressorName.S2_DEFAULT, new byte[0])).isEmpty();
        assertThat(Compressors.compress(CompressorName.S2_BETTER, new byte[0])).containsExactly(0, 0, 0x12, 0x01);
    }

    private static byte[] headerOnly(CompressorName name) {
        int id = name.headerId();
        return new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    static void assertFails(ThrowingCallable call, Reason reason, String... messageParts) {
        assertThatThrownBy(call)
                .isInstanceOf(RewindException.class)
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(reason))
                .message()
                .contains(messageParts)
                .doesNotContain("\n");
    }
}
