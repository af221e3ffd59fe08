package dev.rewind.kopia.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.crypto.KnownAnswerVectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each test runs the slow KDF at most once. */
class KeyDerivationAlgorithmTest {

    @Test
    void scryptReproducesTheFormatKeyOfARealKopiaRepository() {
        var vector = KnownAnswerVectors.named("format-blob/formatblobdebugtest/format-key");

        byte[] key = KeyDerivationAlgorithm.byName("scrypt-65536-8-1").deriveKey("test123".toCharArray(),
                vector.input("uniqueID"));

        assertThat(key).isEqualTo(vector.expected("formatKey"));
    }

    /** Expected value from Python's hashlib.pbkdf2_hmac (an independent implementation). */
    @Test
    void pbkdf2MatchesAnIndependentImplementation() {
        byte[] key = KeyDerivationAlgorithm.byName("pbkdf2-sha256-600000").deriveKey("password123".toCharArray(),
                "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("76100ea830be2b60bc9015f7b9c60649d2bff3741b94713f9d221b00ee508da6");
    }

    @Test
    void unknownAlgorithmIsUnsupportedAndNamed() {
        assertThatThrownBy(() -> KeyDerivationAlgorithm.byName("argon2id"))
                .isInstanceOf(RewindException.class).hasMessageContaining("'argon2id'")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void shortSaltIsCorrupt() {
        assertThatThrownBy(() -> KeyDerivationAlgorithm.SCRYPT_65536_8_1.deriveKey("x".toCharArray(), new byte[15]))
                .isInstanceOf(RewindException.class).hasMessageContaining("uniqueID")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
    }
}
