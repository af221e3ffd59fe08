package dev.rewind.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kopia's shard mapping, with the examples of kopia-format.md §4.2. */
class ShardingParametersTest {
    private static final ShardingParameters ONE_THREE = new ShardingParameters(List.of(1, 3), 20, List.of());

    @Test
    void shardsAPackWithOneThree() {
        assertThat(ONE_THREE.relativePath(BlobId.of("p80bffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d")))
                .isEqualTo("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f");
    }

    @Test
    void shardsAnIndexBlobWithOneThree() {
        assertThat(ONE_THREE.relativePath(BlobId.of("xn0_4505d26f0123456789abcdef-s0123456789abcdef-c1")))
                .isEqualTo("x/n0_/4505d26f0123456789abcdef-s0123456789abcdef-c1.f");
    }

    @Test
    void shardsWithKopiasFilesystemDefaultThreeThree() {
        assertThat(ShardingParameters.KOPIA_FILESYSTEM_DEFAULT.relativePath(
                BlobId.of("n070452b1e0123456789abcdef012345")))
                .isEqualTo("n07/045/2b1e0123456789abcdef012345.f");
        assertThat(ShardingParameters.KOPIA_FILESYSTEM_DEFAULT)
                .isEqualTo(new ShardingParameters(List.of(3, 3), 20, List.of()));
    }

    @Test
    void keepsIdsUpToMaxNonShardedLengthInTheRoot() {
        assertThat(ONE_THREE.relativePath(BlobId.of("kopia.repository"))).isEqualTo("kopia.repository.f");
        assertThat(ONE_THREE.relativePath(BlobId.of("xe0"))).isEqualTo("xe0.f");
        assertThat(ONE_THREE.relativePath(BlobId.of("12345678901234567890"))).isEqualTo("12345678901234567890.f");
        assertThat(ONE_THREE.relativePath(BlobId.of("123456789012345678901"))).isEqualTo("1/234/5678901234567890" + "1.f");
    }

    @Test
    void stopsShardingWhenNoMoreThanTheWidthRemains() {
        var deep = new ShardingParameters(List.of(4, 4, 4), 0, List.of());

        assertThat(deep.relativePath(BlobId.of("abcdefghij"))).isEqualTo("abcd/efgh/ij.f");
        assertThat(deep.relativePath(BlobId.of("abcdefgh"))).isEqualTo("abcd/efgh.f");
        assertThat(deep.relativePath(BlobId.of("abcd"))).isEqualTo("abcd.f");
    }

    @Test
    void firstMatchingOverrideWins() {
        var params = new ShardingParameters(List.of(1, 3), 5, List.of(
                new ShardingParameters.Override("xn", List.of(2)),
                new ShardingParameters.Override("x", List.of(3, 3))));

        assertThat(params.relativePath(BlobId.of("xn0_abcdef"))).isEqualTo("xn/0_abcdef.f");
        assertThat(params.relativePath(BlobId.of("xs0_abcdef"))).isEqualTo("xs0/_ab/cdef.f");
        assertThat(params.relativePath(BlobId.of("p0123456789"))).isEqualTo("p/012/3456789.f");
    }

    @Test
    void parsesKopiasShardsFile() {
        String json = "{\"default\":[1,3],\"maxNonShardedLength\":20,"
                + "\"overrides\":[{\"prefix\":\"q\",\"shards\":[2]}],\"futureField\":true}\n";

        var params = ShardingParameters.parse(json.getBytes(StandardCharsets.UTF_8), "/repo/.shards");

        assertThat(params).isEqualTo(new ShardingParameters(List.of(1, 3), 20,
                List.of(new ShardingParameters.Override("q", List.of(2)))));
    }

    @Test
    void parsesAMinimalShardsFileLikeGoDecodingDoes() {
        var params = ShardingParameters.parse("{\"default\":[2]}".getBytes(StandardCharsets.UTF_8), ".shards");

        assertThat(params).isEqualTo(new ShardingParameters(List.of(2), 0, List.of()));
    }

    @Test
    void malformedShardsFileIsCorruptNamingTheFile() {
        for (String json : List.of("{\"default\":[1,", "[1,3]", "{\"default\":\"1,3\"}", "{\"default\":[0]}",
                "{\"maxNonShardedLength\":\"twenty\"}")) {
            var e = catchThrowableOfType(StorageException.class,
                    () -> ShardingParameters.parse(json.getBytes(StandardCharsets.UTF_8), "/repo/.shards"));

            assertThat(e).as(json).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("/repo/.shards");
        }
    }
}
