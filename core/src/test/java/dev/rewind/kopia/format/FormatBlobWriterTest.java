package dev.rewind.kopia.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.crypto.KnownAnswerVectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The writer reproduces Kopia's bytes: compared with a real kopia 0.20.1 format blob. */
class FormatBlobWriterTest {
    private static final char[] PASSWORD = "test123".toCharArray();

    @Test
    void configJsonIsByteIdenticalToKopias() {
        byte[] real = KnownAnswerVectors.resource("/kopia/format-blobs/kopia-0.20.1-default.kopia.repository.f");
        FormatBlob blob = FormatBlob.parse(real, "real");
        byte[] formatKey = CachingFormatKeyDeriver.shared().formatKey(KeyDerivationAlgorithm.SCRYPT_65536_8_1,
                PASSWORD, blob.uniqueId());
        byte[] realPlaintext = FormatKey.of(formatKey, blob.uniqueId()).decrypt(blob.encryptedBlockFormat(), "real");
        RepositoryConfig config = RepositoryConfig.parse(realPlaintext, "real");

        FormatBlobWriter writer = FormatBlobWriter.withDefaults(new SplittableRandom(1)).uniqueId(blob.uniqueId())
                .masterKey(config.masterKey()).hmacSecret(config.hmacSecret());

        assertThat(new String(writer.configJson(), StandardCharsets.UTF_8))
                .isEqualTo(new String(realPlaintext, StandardCharsets.UTF_8));
    }

    @Test
    void outerJsonHasKopiasLayout() {
        byte[] real = KnownAnswerVectors.resource("/kopia/format-blobs/kopia-0.20.1-default.kopia.repository.f");
        FormatBlob blob = FormatBlob.parse(real, "real");
        FormatBlobWriter writer = FormatBlobWriter.withDefaults(new SplittableRandom(1)).uniqueId(blob.uniqueId());

        byte[] written = writer.formatBlobBytes();
        FormatBlob parsed = FormatBlob.parse(written, "written");
        String normalizedWritten = new String(written, StandardCharsets.UTF_8)
                .replace(Base64.getEncoder().encodeToString(parsed.encryptedBlockFormat()), "X");
        String normalizedReal = new String(real, StandardCharsets.UTF_8)
                .replace(Base64.getEncoder().encodeToString(blob.encryptedBlockFormat()), "X");

        assertThat(normalizedWritten).isEqualTo(normalizedReal);
    }

    @Test
    void sameSeedGivesSameBytesDifferentSeedDifferentNonce() {
        byte[] a = FormatBlobWriter.withDefaults(new SplittableRandom(9)).formatBlobBytes();
        byte[] b = FormatBlobWriter.withDefaults(new SplittableRandom(9)).formatBlobBytes();

        assertThat(a).isEqualTo(b);
    }

    @Test
    void goStyleEscaping() {
        assertThat(FormatBlobWriter.quote("a<b>&\"\\\n")).isEqualTo("\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\"");
    }
}
