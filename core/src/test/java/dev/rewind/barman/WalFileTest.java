package dev.rewind.barman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WalFileTest {

    private static Optional<WalFile> classify(String relative) {
        return WalFile.classify(new BlobMetadata(BlobId.of("pg/wals/" + relative), 10, Instant.EPOCH), relative);
    }

    @Test
    void classifiesEveryKindAndSuffix() {
        for (WalCompression c : WalCompression.values()) {
            WalFile seg = classify("0000000100000003/000000010000000300000025" + c.suffix()).orElseThrow();
            assertThat(seg.kind()).isEqualTo(WalFileKind.SEGMENT);
            assertThat(seg.compression()).isEqualTo(c);
            assertThat(seg.segment()).contains(WalName.parse("000000010000000300000025"));
            assertThat(seg.expectedPlacement()).isTrue();
        }
        assertThat(classify("0000000100000004/000000010000000400000007.partial.gz").orElseThrow().kind())
                .isEqualTo(WalFileKind.PARTIAL);
        WalFile label = classify("0000000100000003/000000010000000300000025.00000028.backup.zst").orElseThrow();
        assertThat(label.kind()).isEqualTo(WalFileKind.BACKUP_LABEL);
        assertThat(label.compression()).isEqualTo(WalCompression.ZSTD);
        WalFile history = classify("00000002.history.gz").orElseThrow();
        assertThat(history.kind()).isEqualTo(WalFileKind.HISTORY);
        assertThat(history.timeline()).isEqualTo(2);
        assertThat(history.expectedPlacement()).isTrue();
    }

    @Test
    void rejectsNonWalNamesAndFlagsMisplacedOnes() {
        assertThat(classify("0000000100000003/000000010000000300000025.zstd")).isEmpty();
        assertThat(classify("0000000100000003/000000010000000300000025.gz.gz")).isEmpty();
        assertThat(classify("readme.txt")).isEmpty();
        assertThat(classify("000000000000000300000025")).isEmpty();
        assertThat(classify("0000000100000004/000000010000000300000025.gz").orElseThrow().expectedPlacement())
                .isFalse();
        assertThat(classify("0000000100000003/00000002.history").orElseThrow().expectedPlacement()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(WalCompression.class)
    void decompressesEveryCompression(WalCompression compression) {
        byte[] text = "1\t0/3000000\tno recovery target specified\n".getBytes(StandardCharsets.UTF_8);
        assertThat(compression.decompress(BarmanFixture.compress(text, compression), "h")).isEqualTo(text);
    }

    @Test
    void damagedCompressedObjectIsCorruptNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalCompression.GZIP.decompress(new byte[] {1, 2, 3},
                        "pg/wals/00000002.history.gz"))
                .hasMessageContaining("pg/wals/00000002.history.gz")
                .extracting(e -> ((dev.rewind.error.RewindException) e).reason())
                .isEqualTo(dev.rewind.error.Reason.CORRUPT);
    }
}
