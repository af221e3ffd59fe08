package dev.rewind.kopia.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyIndexSelectorTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00.123456789Z");

    private static BlobMetadata blob(String id) {
        return new BlobMetadata(BlobId.of(id), 1234, T);
    }

    private static final BlobMetadata N1 = blob("n00000000000000000000000000000001-s0123456789abcdef-c1");
    private static final BlobMetadata N2 = blob("n00000000000000000000000000000002");
    private static final BlobMetadata N3 = blob("n00000000000000000000000000000003");
    private static final BlobMetadata N4 = blob("n00000000000000000000000000000004");
    private static final BlobMetadata N5 = blob("n00000000000000000000000000000005");
    private static final BlobMetadata POISON = blob(LegacyIndexSelector.POISON_BLOB);

    private static CompactionLog log(String id, List<BlobMetadata> inputs, List<BlobMetadata> outputs) {
        return CompactionLog.parse(BlobId.of(id), IndexBlobNames.compactionLogJson(inputs, outputs));
    }

    @Test
    void compactionLogWithAllOutputsPresentSupersedesItsInputs() {
        CompactionLog applied = log("m01", List.of(N1, N2), List.of(N3));
        CompactionLog pending = log("m02", List.of(N4), List.of(N5)); // output missing: ignored

        IndexBlobSelection selection = LegacyIndexSelector.select(List.of(N1, N2, N3, N4, POISON),
                List.of(applied, pending));

        assertThat(selection.indexBlobs()).containsExactly(N3, N4);
        assertThat(selection.deletionWatermarkAt()).isEmpty();
    }

    @Test
    void poisonBlobIsNeverAnIndex() {
        assertThat(LegacyIndexSelector.select(List.of(POISON), List.of()).indexBlobs()).isEmpty();
    }

    @Test
    void parsesCompactionLogJson() {
        CompactionLog parsed = log("m01", List.of(N1, N2), List.of(N3));

        assertThat(parsed.inputs()).containsExactly(N1.id(), N2.id());
        assertThat(parsed.outputs()).containsExactly(N3.id());
    }

    @Test
    void malformedCompactionLogIsCorruptNamingTheBlob() {
        assertThatThrownBy(() -> CompactionLog.parse(BlobId.of("m0badbad"),
                "{\"inputMetadata\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("m0badbad")
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.CORRUPT));
        assertThatThrownBy(() -> CompactionLog.parse(BlobId.of("m0badid"),
                "{\"inputMetadata\":[{\"length\":1}],\"outputMetadata\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("m0badid")
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.CORRUPT));
    }
}
