package dev.rewind.kopia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ContentCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String REAL_INDEX_BLOB = "xn0_86e1a966f4faa78b4155dbe7f1866fa8-sc05c6694229ca11e13d-c1";

    static List<KnownAnswerVectors.Vector> decryptVectors() {
        return KnownAnswerVectors.startingWith("content-decrypt/");
    }

    @ParameterizedTest
    @MethodSource("decryptVectors")
    void decryptsKopiaCiphertextSamples(KnownAnswerVectors.Vector vector) {
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.byName(vector.algorithm()), vector.input("masterKey"));

        byte[] plaintext = crypto.decrypt(vector.input("stored"), vector.input("iv"), vector.name());

        assertThat(plaintext).isEqualTo(vector.expected("plaintext"));
    }

    @Test
    void contentKeyIsHkdfWithPurposeInSalt() {
        var vector = KnownAnswerVectors.named("content-key/hkdf-encryption/testciphertextsamples");
        assertThat(Hkdf.sha256(vector.input("ikm"), vector.input("salt"), vector.input("info"), 32))
                .isEqualTo(vector.expected("key"));
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, vector.input("ikm"));
        assertThat(crypto.contentKey()).isEqualTo(vector.expected("key"));
    }

    @Test
    void hkdfMatchesKopiaDeriveKeyFromMasterKey() {
        var vector = KnownAnswerVectors.named("hkdf-sha256/derive-key-from-master-key");
        assertThat(Hkdf.sha256(vector.input("ikm"), vector.input("salt"), vector.input("info"), 32))
                .isEqualTo(vector.expected("okm"));
    }

    @Test
    void contentKeyOfTheRealRepositoryMatchesTheDerivedVector() {
        var vector = KnownAnswerVectors.named("content-key/hkdf-encryption/test-repository");
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, vector.input("ikm"));
        assertThat(crypto.contentKey()).isEqualTo(vector.expected("key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"item-key/hmac-sha256/testciphertextsamples/iv-aabb",
            "item-key/hmac-sha256/testciphertextsamples/iv-0000"})
    void itemKeyIsHmacOfTheIv(String name) {
        var vector = KnownAnswerVectors.named(name);
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256,
                "01234567890123456789012345678901".getBytes(StandardCharsets.US_ASCII));
        assertThat(crypto.contentKey()).isEqualTo(vector.input("K"));
        assertThat(crypto.itemKey(vector.input("iv"))).isEqualTo(vector.expected("itemKey"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"item-key/index-blob/test-repository/xn0_86e1a966",
            "item-key/index-blob/test-repository/xn0_9272d5d8"})
    void indexBlobIvComesFromTheHexBeforeTheFirstDash(String name) {
        var vector = KnownAnswerVectors.named(name);
        BlobId id = BlobId.of(new String(vector.expected("blobId"), StandardCharsets.US_ASCII));

        assertThat(ContentCrypto.blobIv(id)).isEqualTo(vector.expected("iv"));
    }

    @Test
    void decryptsTheRealKopiaIndexBlob() {
        JsonNode expected = KnownAnswerVectors.jsonResource(
                "/kopia/real-blobs/xn0_86e1a966f4faa78b4155dbe7f1866fa8.expected.json");
        byte[] stored = KnownAnswerVectors.resource("/kopia/real-blobs/" + REAL_INDEX_BLOB + ".f");
        var keys = KnownAnswerVectors.named("format-blob/test-repository/decrypted-config-keys");
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, keys.expected("masterKey"));
        ContentHasher hasher = HashAlgorithm.BLAKE2B_256_128.keyedWith(keys.expected("hmacSecret"));

        byte[] plaintext = crypto.decryptBlob(BlobId.of(expected.get("blobId").stringValue()), stored);

        assertThat(stored).hasSize(expected.get("sizeBytes").intValue());
        assertThat(plaintext).hasSize(stored.length - ContentCipher.OVERHEAD_BYTES);
        String headerHex = expected.get("decryptedIndex").get("headerHex").stringValue();
        assertThat(HEX.formatHex(Arrays.copyOf(plaintext, headerHex.length() / 2))).isEqualTo(headerHex);
        assertThat(new String(plaintext, StandardCharsets.ISO_8859_1))
                .contains(expected.get("decryptedIndex").get("entries").get(0).get("packBlobId").stringValue());
        assertThat(HEX.formatHex(hasher.hash(plaintext))).isEqualTo("86e1a966f4faa78b4155dbe7f1866fa8");
    }

    @Test
    void flippedBitInABlobIsCorruptAndNamesTheBlob() {
        byte[] stored = KnownAnswerVectors.resource("/kopia/real-blobs/" + REAL_INDEX_BLOB + ".f");
        var keys = KnownAnswerVectors.named("format-blob/test-repository/decrypted-config-keys");
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, keys.expected("masterKey"));
        stored[40] ^= 0x01;

        assertThatThrownBy(() -> crypto.decryptBlob(BlobId.of(REAL_INDEX_BLOB), stored))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining(REAL_INDEX_BLOB)
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void blobUnderTheWrongNameDoesNotAuthenticate() {
        byte[] stored = KnownAnswerVectors.resource("/kopia/real-blobs/" + REAL_INDEX_BLOB + ".f");
        var keys = KnownAnswerVectors.named("format-blob/test-repository/decrypted-config-keys");
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, keys.expected("masterKey"));
        String renamed = "xn0_86e1a966f4faa78b4155dbe7f1866fa9-sc05c6694229ca11e13d-c1";

        assertThatThrownBy(() -> crypto.decryptBlob(BlobId.of(renamed), stored))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining(renamed);
    }

    @Test
    void truncatedItemIsCorrupt() {
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, new byte[32]);
        ContentId id = ContentId.parse("k0123456789abcdef0123456789abcdef");

        assertThatThrownBy(() -> crypto.decryptContent(id, new byte[27]))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("content k0123456789abcdef0123456789abcdef")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn0_1234", "kopia.repository", "xn0_86e1a966f4faa78b4155dbe7f1866fzz-s1-c1"})
    void blobNameWithoutHexHashIsCorrupt(String name) {
        assertThatThrownBy(() -> ContentCrypto.blobIv(BlobId.of(name)))
                .isInstanceOf(RewindException.class).hasMessageContaining(name)
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.CORRUPT);
    }

    @ParameterizedTest
    @EnumSource(ContentCipher.class)
    void contentRoundTripsThroughTheEncryptor(ContentCipher cipher) {
        RandomGenerator random = new SplittableRandom(7);
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        ContentCrypto crypto = ContentCrypto.of(cipher, masterKey);
        var encryptor = new ContentEncryptor(crypto, random);
        byte[] plaintext = "a directory listing".getBytes(StandardCharsets.UTF_8);
        ContentId id = ContentId.parse("k" + HEX.formatHex(HashAlgorithm.DEFAULT.keyedWith(new byte[32])
                .hash(plaintext)));

        byte[] stored = encryptor.encryptContent(id, plaintext);

        assertThat(stored).hasSize(plaintext.length + ContentCipher.OVERHEAD_BYTES);
        assertThat(crypto.decryptContent(id, stored)).isEqualTo(plaintext);
        assertThat(encryptor.encryptContent(id, plaintext)).isNotEqualTo(stored);
    }

    @ParameterizedTest
    @EnumSource(ContentCipher.class)
    void encryptorReproducesKopiaSamplesWithTheirNonce(ContentCipher cipher) {
        var vector = decryptVectors().stream().filter(v -> v.algorithm().equals(cipher.kopiaName())).findFirst()
                .orElseThrow();
        byte[] stored = vector.input("stored");
        var encryptor = new ContentEncryptor(ContentCrypto.of(cipher, vector.input("masterKey")),
                new SplittableRandom(1));

        assertThat(encryptor.encrypt(vector.expected("plaintext"), vector.input("iv"), Arrays.copyOf(stored, 12)))
                .isEqualTo(stored);
    }

    @Test
    void blobEncryptorNamesTheBlobByTheKeyedHashOfThePlaintext() {
        RandomGenerator random = new SplittableRandom(3);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.CHACHA20_POLY1305_HMAC_SHA256, secret);
        ContentHasher hasher = HashAlgorithm.BLAKE2B_256.keyedWith(secret);
        var blobs = new BlobEncryptor(new ContentEncryptor(crypto, random), hasher);
        byte[] plaintext = "index bytes".getBytes(StandardCharsets.UTF_8);

        var blob = blobs.encrypt("xn5_", "s0123456789abcdef-c1", plaintext);

        assertThat(blob.id().value()).isEqualTo("xn5_" + HEX.formatHex(hasher.hash(plaintext))
                + "-s0123456789abcdef-c1");
        assertThat(ContentCrypto.blobIv(blob.id())).isEqualTo(Arrays.copyOfRange(hasher.hash(plaintext), 16, 32));
        assertThat(crypto.decryptBlob(blob.id(), blob.bytes())).isEqualTo(plaintext);
        assertThat(blobs.encrypt("n", "", plaintext).id().value()).doesNotContain("-");
    }

    @Test
    void unknownCipherIsUnsupportedAndNamed() {
        assertThatThrownBy(() -> ContentCipher.byName("AES256-CTR-HMAC-SHA256"))
                .isInstanceOf(RewindException.class).hasMessageContaining("AES256-CTR-HMAC-SHA256")
                .extracting(e -> ((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void toStringShowsNoKeys() {
        byte[] masterKey = new byte[32];
        Arrays.fill(masterKey, (byte) 0xab);
        ContentCrypto crypto = ContentCrypto.of(ContentCipher.AES256_GCM_HMAC_SHA256, masterKey);

        assertThat(crypto.toString()).doesNotContain("abab").doesNotContain(HEX.formatHex(crypto.contentKey()));
    }
}
