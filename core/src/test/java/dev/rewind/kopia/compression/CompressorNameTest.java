package dev.rewind.kopia.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompressorNameTest {

    /** kopia-format.md §4.8, kopia: repo/compression/compression_ids.go. */
    private static final Map<String, Integer> KOPIA_TABLE = new LinkedHashMap<>();

    static {
        KOPIA_TABLE.put("gzip", 0x1000);
        KOPIA_TABLE.put("gzip-best-speed", 0x1001);
        KOPIA_TABLE.put("gzip-best-compression", 0x1002);
        KOPIA_TABLE.put("zstd", 0x1100);
        KOPIA_TABLE.put("zstd-fastest", 0x1101);
        KOPIA_TABLE.put("zstd-better-compression", 0x1102);
        KOPIA_TABLE.put("zstd-best-compression", 0x1103);
        KOPIA_TABLE.put("s2-default", 0x1200);
        KOPIA_TABLE.put("s2-better", 0x1201);
        KOPIA_TABLE.put("s2-parallel-4", 0x1202);
        KOPIA_TABLE.put("s2-parallel-8", 0x1203);
        KOPIA_TABLE.put("pgzip", 0x1300);
        KOPIA_TABLE.put("pgzip-best-speed", 0x1301);
        KOPIA_TABLE.put("pgzip-best-compression", 0x1302);
        KOPIA_TABLE.put("lz4", 0x1400);
        KOPIA_TABLE.put("deflate-default", 0x1500);
        KOPIA_TABLE.put("deflate-best-speed", 0x1501);
        KOPIA_TABLE.put("deflate-best-compression", 0x1502);
    }

    @Test
    void registryMatchesKopiasTableExactly() {
        Map<String, Integer> ours = Arrays.stream(CompressorName.values())
                .collect(Collectors.toMap(CompressorName::kopiaName, CompressorName::headerId));
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(KOPIA_TABLE);
    }

    @Test
    void namesAndIdsResolveBothWays() {
        KOPIA_TABLE.forEach((name, id) -> {
            CompressorName byName = CompressorName.getByKopiaName(name);
            assertThat(byName.headerId()).isEqualTo(id);
            assertThat(CompressorName.getByHeaderId(id)).isSameAs(byName);
            assertThat(byName.toString()).isEqualTo(name);
        });
    }

    @Test
    void formatsFollowTheStreamOnTheWire() {
        assertThat(CompressorName.PGZIP_BEST_SPEED.format()).isEqualTo(CompressionFormat.GZIP);
        assertThat(CompressorName.S2_PARALLEL_8.format()).isEqualTo(CompressionFormat.S2);
        assertThat(CompressorName.LZ4.format()).isEqualTo(CompressionFormat.LZ4_FRAME);
        assertThat(CompressorName.DEFLATE_BEST_COMPRESSION.format()).isEqualTo(CompressionFormat.DEFLATE);
        assertThat(CompressorName.ZSTD_BEST_COMPRESSION.format()).isEqualTo(CompressionFormat.ZSTD);
    }

    @Test
    void unknownHeaderIdIsUnsupportedAndNamedInHex() {
        assertThat(CompressorName.findByHeaderId(0x1600)).isEmpty();
        assertThat(CompressorName.findByHeaderId(CompressorName.UNCOMPRESSED_HEADER_ID)).isEmpty();
        assertThatThrownBy(() -> CompressorName.getByHeaderId(0x1600))
                .isInstanceOf(RewindException.class)
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining("0x1600");
    }

    @Test
    void unknownNameIsUnsupported() {
        assertThat(CompressorName.findByKopiaName("brotli")).isEmpty();
        assertThatThrownBy(() -> CompressorName.getByKopiaName("brotli"))
                .isInstanceOf(RewindException.class)
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining("brotli");
    }

    @Test
    void hexFormatting() {
        assertThat(CompressorName.hex(0x1200)).isEqualTo("0x1200");
        assertThat(CompressorName.hex(0xdeadbeef)).isEqualTo("0xdeadbeef");
        assertThat(CompressorName.hex(0x7)).isEqualTo("0x0007");
    }
}
