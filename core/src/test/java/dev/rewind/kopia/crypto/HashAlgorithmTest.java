package dev.rewind.kopia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HashAlgorithmTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SECRET_00_1F = bytes0To(32);
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    static List<KnownAnswerVectors.Vector> hashVectors() {
        return KnownAnswerVectors.all().stream()
                .filter(v -> v.name().startsWith("content-id/") || v.name().startsWith("hash/"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("hashVectors")
    void reproducesKnownAnswerVectors(KnownAnswerVectors.Vector vector) {
        String name = vector.name().split("/")[1].toUpperCase();
        byte[] expected = vector.node().path("expected").has("contentId") ? vector.expected("contentId")
                : vector.expected("digest");

        byte[] actual = HashAlgorithm.byName(name).keyedWith(vector.input("secret")).hash(vector.input("data"));

        assertThat(HEX.formatHex(actual)).isEqualTo(HEX.formatHex(expected));
    }

    /** Values from Python's hashlib/hmac (an independent implementation), secret 0x00..0x1f unless noted. */
    @ParameterizedTest
    @CsvSource({
            "BLAKE2S-128, 6b6e886adb8408ed24d786a9d0ae811d",
            "BLAKE2S-256, 310be9c4e33693a72971edc872971a06f4a68c65e0473f0aadde77ac13ede08e",
            "HMAC-SHA224, 3a04380d61cce63f7e5566aa5ed9ad105e162ccd4f6a21d20424ba7a",
            "HMAC-SHA3-224, 8b32d24bfdba9743bf4015635f3485ff0b0df6b92c1afccab020655e",
            "HMAC-SHA3-256, 26e303da25f2ba8f705cab7fed50f39be7e07925a846562ac887319654a0f2ab",
    })
    void matchesAnIndependentImplementation(String name, String expectedHex) {
        HashAlgorithm algorithm = HashAlgorithm.byName(name);

        byte[] hash = algorithm.keyedWith(SECRET_00_1F).hash(HELLO);

        assertThat(HEX.formatHex(hash)).isEqualTo(expectedHex);
        assertThat(hash).hasSize(algorithm.sizeBytes());
    }

    @ParameterizedTest
    @CsvSource({
            "BLAKE2B-256, 511bc81dde11180838c562c82bb35f3223f46061ebde4a955c27b3f489cf1e03",
            "BLAKE2S-256, ec9db904d636ef61f1421b2ba47112a4fa6b8964fd4a0a514834455c21df7812",
            "HMAC-SHA256, 2bbcfa9524f3218c7a34b30e6936f8b1a4516cb097f1a85a1c7d98b5977ec769",
            "HMAC-SHA3-256, 88f4e184f5d68ed0f0dd729f4abb31d4284071839182e5548868656865c2a4ca",
    })
    void emptySecretMeansUnkeyedOrEmptyHmacKey(String name, String expectedHex) {
        assertThat(HEX.formatHex(HashAlgorithm.byName(name).keyedWith(new byte[0]).hash(HELLO)))
                .isEqualTo(expectedHex);
    }

    @ParameterizedTest
    @EnumSource(value = HashAlgorithm.class, names = "BLAKE2S_128", mode = EnumSource.Mode.EXCLUDE)
    void everyAlgorithmWorksWithAnEmptySecret(HashAlgorithm algorithm) {
        assertThat(algorithm.keyedWith(new byte[0]).hash(HELLO)).hasSize(algorithm.sizeBytes());
    }

    @Test
    void blake2s128RefusesAnEmptySecretAsKopiaDoes() {
        assertThatThrownBy(() -> HashAlgorithm.BLAKE2S_128.keyedWith(new byte[0]))
                .isInstanceOf(RewindException.class).hasMessageContaining("BLAKE2S-128")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void truncatedVariantsArePrefixesOfTheFullHash() {
        assertThat(HashAlgorithm.BLAKE2B_256_128.keyedWith(SECRET_00_1F).hash(HELLO))
                .isEqualTo(Arrays.copyOf(HashAlgorithm.BLAKE2B_256.keyedWith(SECRET_00_1F).hash(HELLO), 16));
        assertThat(HashAlgorithm.BLAKE3_256_128.keyedWith(SECRET_00_1F).hash(HELLO))
                .isEqualTo(Arrays.copyOf(HashAlgorithm.BLAKE3_256.keyedWith(SECRET_00_1F).hash(HELLO), 16));
        assertThat(HashAlgorithm.HMAC_SHA256_128.keyedWith(SECRET_00_1F).hash(HELLO))
                .isEqualTo(Arrays.copyOf(HashAlgorithm.HMAC_SHA256.keyedWith(SECRET_00_1F).hash(HELLO), 16));
        // BLAKE2S-128 is a different digest length, not a truncation
        assertThat(HashAlgorithm.BLAKE2S_128.keyedWith(SECRET_00_1F).hash(HELLO))
                .isNotEqualTo(Arrays.copyOf(HashAlgorithm.BLAKE2S_256.keyedWith(SECRET_00_1F).hash(HELLO), 16));
    }

    @Test
    void blake3UsesOnlyTheFirst32BytesOfALongSecret() {
        byte[] longSecret = bytes0To(48);
        assertThat(HashAlgorithm.BLAKE3_256.keyedWith(longSecret).hash(HELLO))
                .isEqualTo(HashAlgorithm.BLAKE3_256.keyedWith(SECRET_00_1F).hash(HELLO));
    }

    @Test
    void namesAreKopiasExactNames() {
        assertThat(Arrays.stream(HashAlgorithm.values()).map(HashAlgorithm::kopiaName)).containsExactlyInAnyOrder(
                "BLAKE2B-256-128", "BLAKE2B-256", "BLAKE2S-128", "BLAKE2S-256", "HMAC-SHA256", "HMAC-SHA256-128",
                "HMAC-SHA224", "HMAC-SHA3-224", "HMAC-SHA3-256", "BLAKE3-256", "BLAKE3-256-128");
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            assertThat(HashAlgorithm.byName(algorithm.kopiaName())).isSameAs(algorithm);
        }
    }

    @Test
    void unknownNameIsUnsupportedAndNamed() {
        assertThatThrownBy(() -> HashAlgorithm.byName("SHA256"))
                .isInstanceOf(RewindException.class).hasMessageContaining("'SHA256'")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void hasherToStringHidesTheSecret() {
        assertThat(HashAlgorithm.HMAC_SHA256.keyedWith("topsecret".getBytes(StandardCharsets.UTF_8)).toString())
                .doesNotContain("topsecret").contains("HMAC-SHA256");
    }

    private static byte[] bytes0To(int n) {
        byte[] out = new byte[n];
        IntStream.range(0, n).forEach(i -> out[i] = (byte) i);
        return out;
    }
}
