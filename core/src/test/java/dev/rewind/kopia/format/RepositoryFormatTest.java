package dev.rewind.kopia.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.crypto.ContentCipher;
import dev.rewind.kopia.crypto.HashAlgorithm;
import dev.rewind.kopia.crypto.KnownAnswerVectors;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Opens real kopia-written format blobs (password test123) and fixture-written ones. Format keys are memoized by
 * {@link CachingFormatKeyDeriver#shared()}, so each (password, uniqueID) costs one scrypt run for the whole JVM.
 */
class RepositoryFormatTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] PASSWORD = "test123".toCharArray();
    private static final byte[] FIXED_UNIQUE_ID = HEX.parseHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final FormatKeyDeriver DERIVER = CachingFormatKeyDeriver.shared();

    private static InMemoryBlobStore realStore(String name) {
        var store = new InMemoryBlobStore();
        store.put(FormatBlob.BLOB_ID, KnownAnswerVectors.resource("/kopia/format-blobs/" + name
                + ".kopia.repository.f"));
        return store;
    }

    private static FormatBlobWriter writer() {
        return FormatBlobWriter.withDefaults(new SplittableRandom(42)).uniqueId(FIXED_UNIQUE_ID);
    }

    private static InMemoryBlobStore written(FormatBlobWriter writer) {
        var store = new InMemoryBlobStore();
        writer.writeTo(store);
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kopia-0.20.1-default", "kopia-0.20.1-edge-case", "kopia-0.20.1-format-v1"})
    void opensRealKopiaFormatBlobs(String name) {
        JsonNode expected = KnownAnswerVectors.jsonResource("/kopia/format-blobs/" + name + ".expected.json");
        JsonNode format = expected.get("decryptedBlockFormat").get("format");
        JsonNode epochs = format.get("epochParameters");
        InMemoryBlobStore store = realStore(name);

        RepositoryFormat repository = RepositoryFormat.open(store, PASSWORD, DERIVER);

        byte[] uniqueId = repository.formatBlob().uniqueId();
        byte[] formatKey = DERIVER.formatKey(KeyDerivationAlgorithm.SCRYPT_65536_8_1, PASSWORD, uniqueId);
        assertThat(HEX.formatHex(formatKey)).isEqualTo(expected.get("formatKeyHex").stringValue());
        FormatKey keys = FormatKey.of(formatKey, uniqueId);
        assertThat(HEX.formatHex(keys.aesKey())).isEqualTo(expected.get("aesKeyHex").stringValue());
        assertThat(HEX.formatHex(keys.aad())).isEqualTo(expected.get("aadHex").stringValue());

        RepositoryConfig config = repository.config();
        assertThat(config.formatVersion()).isEqualTo(format.get("version").intValue());
        assertThat(config.hash().kopiaName()).isEqualTo(format.get("hash").stringValue());
        assertThat(config.encryption().kopiaName()).isEqualTo(format.get("encryption").stringValue());
        assertThat(Base64.getEncoder().encodeToString(config.hmacSecret()))
                .isEqualTo(format.get("secret").stringValue());
        assertThat(Base64.getEncoder().encodeToString(config.masterKey()))
                .isEqualTo(format.get("masterKey").stringValue());
        assertThat(config.maxPackSizeBytes()).isEqualTo(format.get("maxPackSize").longValue());
        assertThat(config.indexVersion()).isEqualTo(format.get("indexVersion").intValue());
        assertThat(config.enablePasswordChange()).isEqualTo(format.get("enablePasswordChange").booleanValue());
        assertThat(config.splitter()).isEqualTo(format.get("splitter").stringValue());
        assertThat(config.eccEnabled()).isFalse();
        assertThat(config.upgradeLock()).isEmpty();
        assertThat(config.requiredFeatures()).isEmpty();
        assertThat(config.epochParameters()).isEqualTo(new EpochParameters(
                epochs.get("Enabled").booleanValue(),
                Duration.ofNanos(epochs.get("EpochRefreshFrequency").longValue()),
                epochs.get("FullCheckpointFrequency").intValue(),
                Duration.ofNanos(epochs.get("CleanupSafetyMargin").longValue()),
                Duration.ofNanos(epochs.get("MinEpochDuration").longValue()),
                epochs.get("EpochAdvanceOnCountThreshold").intValue(),
                epochs.get("EpochAdvanceOnTotalSizeBytesThreshold").longValue(),
                epochs.get("DeleteParallelism").intValue()));
        assertThat(repository.formatBlob().buildVersion()).isEqualTo("0.20.1");
        assertThat(repository.blobStorageConfig()).isEqualTo(BlobStorageConfig.none());
        assertThat(repository.contentHasher().algorithm()).isEqualTo(HashAlgorithm.BLAKE2B_256_128);
        assertThat(repository.contentCrypto().cipher()).isEqualTo(ContentCipher.AES256_GCM_HMAC_SHA256);
    }

    @Test
    void defaultRepositoryMatchesTheVerifiedVectorAndDecryptsItsRealIndexBlob() {
        var keys = KnownAnswerVectors.named("format-blob/test-repository/decrypted-config-keys");
        String blobId = "xn0_86e1a966f4faa78b4155dbe7f1866fa8-sc05c6694229ca11e13d-c1";
        InMemoryBlobStore store = realStore("kopia-0.20.1-default");
        store.put(blobId, KnownAnswerVectors.resource("/kopia/real-blobs/" + blobId + ".f"));

        RepositoryFormat repository = RepositoryFormat.open(store, PASSWORD, DERIVER);
        byte[] index = repository.contentCrypto().decryptBlob(BlobId.of(blobId), store.read(BlobId.of(blobId)));

        assertThat(repository.config().masterKey()).isEqualTo(keys.expected("masterKey"));
        assertThat(repository.config().hmacSecret()).isEqualTo(keys.expected("hmacSecret"));
        assertThat(index[0]).isEqualTo((byte) 2);
        assertThat(HEX.formatHex(repository.contentHasher().hash(index))).isEqualTo("86e1a966f4faa78b4155dbe7f1866fa8");
    }

    @Test
    void wrongPasswordIsWrongPasswordAndNamesTheRepositoryButNotThePassword() {
        InMemoryBlobStore store = realStore("kopia-0.20.1-default");

        assertFails(() -> RepositoryFormat.open(store, "hunter2".toCharArray(), DERIVER), Reason.WRONG_PASSWORD,
                "wrong password for repository " + store.describe());
        try {
            RepositoryFormat.open(store, "hunter2".toCharArray(), DERIVER);
        } catch (RewindException e) {
            assertThat(e.getMessage() + e.hint().orElse("")).doesNotContain("hunter2");
        }
    }

    /**
     * A flipped bit in the encrypted config cannot be told apart from a wrong password (both fail the GCM tag), so
     * it is reported as WRONG_PASSWORD with a hint that the blob may be damaged, exactly as Kopia does.
     */
    @Test
    void tamperedCiphertextIsReportedAsWrongPassword() {
        InMemoryBlobStore store = realStore("kopia-0.20.1-default");
        FormatBlob blob = FormatBlob.parse(store.read(BlobId.of(FormatBlob.BLOB_ID)), "test");
        byte[] sealed = blob.encryptedBlockFormat();
        sealed[50] ^= 0x10;
        String json = new String(store.read(BlobId.of(FormatBlob.BLOB_ID)), StandardCharsets.UTF_8)
                .replace(Base64.getEncoder().encodeToString(blob.encryptedBlockFormat()),
                        Base64.getEncoder().encodeToString(sealed));
        store.put(FormatBlob.BLOB_ID, json.getBytes(StandardCharsets.UTF_8));

        var thrown = catchRewind(() -> RepositoryFormat.open(store, PASSWORD, DERIVER));

        assertThat(thrown.reason()).isEqualTo(Reason.WRONG_PASSWORD);
        assertThat(thrown.hint()).hasValueSatisfying(h -> assertThat(h).contains("damaged"));
    }

    @Test
    void malformedOuterJsonIsCorruptAndNamesTheBlob() {
        var store = new InMemoryBlobStore();
        store.put(FormatBlob.BLOB_ID, "{\"uniqueID\": \"abc".getBytes(StandardCharsets.UTF_8));

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, DERIVER), Reason.CORRUPT, "kopia.repository");
    }

    @Test
    void outerJsonWithWrongFieldTypeIsCorruptAndNamesTheField() {
        var store = new InMemoryBlobStore();
        store.put(FormatBlob.BLOB_ID, "{\"uniqueID\": 12, \"encryptedBlockFormat\": \"AAAA\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, DERIVER), Reason.CORRUPT, "uniqueID");
    }

    @Test
    void missingFormatBlobIsNotFound() {
        var store = new InMemoryBlobStore();

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, DERIVER), Reason.NOT_FOUND,
                "no Kopia repository at " + store.describe());
    }

    @Test
    void unknownKeyAlgorithmIsUnsupportedAndNamed() {
        InMemoryBlobStore store = realStore("kopia-0.20.1-default");
        String json = new String(store.read(BlobId.of(FormatBlob.BLOB_ID)), StandardCharsets.UTF_8)
                .replace("scrypt-65536-8-1", "argon2id-3-65536-4");
        store.put(FormatBlob.BLOB_ID, json.getBytes(StandardCharsets.UTF_8));

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, FormatKeyDeriver.direct()), Reason.UNSUPPORTED,
                "argon2id-3-65536-4");
    }

    @Test
    void unknownFormatEncryptionIsUnsupportedAndNamed() {
        InMemoryBlobStore store = realStore("kopia-0.20.1-default");
        String json = new String(store.read(BlobId.of(FormatBlob.BLOB_ID)), StandardCharsets.UTF_8)
                .replace("\"AES256_GCM\"", "\"NONE\"");
        store.put(FormatBlob.BLOB_ID, json.getBytes(StandardCharsets.UTF_8));

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, FormatKeyDeriver.direct()), Reason.UNSUPPORTED,
                "'NONE'");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void writtenRepositoriesOfEveryFormatVersionRoundTrip(int version) {
        FormatBlobWriter writer = writer().formatVersion(version);

        RepositoryFormat repository = RepositoryFormat.open(written(writer), PASSWORD, DERIVER);

        assertThat(repository.config()).isEqualTo(writer.config());
        assertThat(repository.config().formatVersion()).isEqualTo(version);
        assertThat(repository.config().indexVersion()).isEqualTo(version == 1 ? 1 : 2);
        assertThat(repository.config().epochParameters().enabled()).isEqualTo(version != 1);
    }

    @Test
    void writtenChachaAndBlake3RepositoryDecryptsWhatTheWriterEncrypts() {
        FormatBlobWriter writer = writer().encryption(ContentCipher.CHACHA20_POLY1305_HMAC_SHA256)
                .hash(HashAlgorithm.BLAKE3_256);
        var encryptor = new dev.rewind.kopia.crypto.ContentEncryptor(writer.contentCrypto(), new SplittableRandom(5));
        var blobs = new dev.rewind.kopia.crypto.BlobEncryptor(encryptor, writer.contentHasher());
        var blob = blobs.encrypt("xn0_", "s00112233aabbccdd-c1", "index".getBytes(StandardCharsets.UTF_8));

        RepositoryFormat repository = RepositoryFormat.open(written(writer), PASSWORD, DERIVER);

        assertThat(repository.contentCrypto().cipher()).isEqualTo(ContentCipher.CHACHA20_POLY1305_HMAC_SHA256);
        assertThat(repository.contentHasher().algorithm()).isEqualTo(HashAlgorithm.BLAKE3_256);
        assertThat(repository.contentCrypto().decryptBlob(blob.id(), blob.bytes()))
                .isEqualTo("index".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pbkdf2RepositoryOpens() {
        FormatBlobWriter writer = writer().keyDerivation(KeyDerivationAlgorithm.PBKDF2_SHA256_600000);

        RepositoryFormat repository = RepositoryFormat.open(written(writer), PASSWORD, DERIVER);

        assertThat(repository.formatBlob().keyAlgorithm()).isEqualTo("pbkdf2-sha256-600000");
        assertThat(repository.config()).isEqualTo(writer.config());
    }

    @Test
    void emptyHmacSecretWorks() {
        FormatBlobWriter writer = writer().hmacSecret(new byte[0]);

        RepositoryFormat repository = RepositoryFormat.open(written(writer), PASSWORD, DERIVER);

        assertThat(repository.config().hmacSecret()).isEmpty();
        assertThat(repository.contentHasher().hash(new byte[0]))
                .isEqualTo(HEX.parseHex("0e5751c026e543b2e8ab2eb06099daa1"));
    }

    @Test
    void upgradeLockIsUnsupported() {
        FormatBlobWriter writer = writer().upgradeLock("admin@host", "upgrading to v3");

        assertFails(() -> RepositoryFormat.open(written(writer), PASSWORD, DERIVER), Reason.UNSUPPORTED,
                "upgrade lock");
    }

    @Test
    void eccIsRefused() {
        FormatBlobWriter writer = writer().ecc("REED-SOLOMON-CRC32", 2);

        assertFails(() -> RepositoryFormat.open(written(writer), PASSWORD, DERIVER), Reason.UNSUPPORTED,
                "error correction (ECC) is enabled (REED-SOLOMON-CRC32, 2% overhead); not supported");
    }

    @Test
    void eccNameWithoutOverheadIsNotEcc() {
        FormatBlobWriter writer = writer().ecc("REED-SOLOMON-CRC32", 0);

        assertThat(RepositoryFormat.open(written(writer), PASSWORD, DERIVER).config().eccEnabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void unknownFormatVersionIsUnsupported(int version) {
        FormatBlobWriter writer = writer().formatVersion(version).indexVersion(2);

        assertFails(() -> RepositoryFormat.open(written(writer), PASSWORD, DERIVER), Reason.UNSUPPORTED,
                "format version " + version);
    }

    @Test
    void unknownIndexVersionIsUnsupported() {
        FormatBlobWriter writer = writer().indexVersion(3);

        assertFails(() -> RepositoryFormat.open(written(writer), PASSWORD, DERIVER), Reason.UNSUPPORTED,
                "index version 3");
    }

    @Test
    void unknownRequiredFeatureIsUnsupportedUnlessWarnOnly() {
        assertFails(() -> RepositoryFormat.open(written(writer().requiredFeature("index-v3", false)), PASSWORD,
                DERIVER), Reason.UNSUPPORTED, "'index-v3'");

        RepositoryFormat warned = RepositoryFormat.open(written(writer().requiredFeature("fancy", true)
                .requiredFeature("index-v2", false)), PASSWORD, DERIVER);
        assertThat(warned.config().requiredFeatures()).containsExactly(new RequiredFeature("fancy", true, ""),
                new RequiredFeature("index-v2", false, ""));
    }

    @Test
    void unknownHashOrEncryptionInConfigIsUnsupportedAndNamed() {
        String base = new String(writer().configJson(), StandardCharsets.UTF_8);

        assertFails(() -> RepositoryFormat.open(written(writer().rawConfig(base.replace("BLAKE2B-256-128",
                "SHA512-256"))), PASSWORD, DERIVER), Reason.UNSUPPORTED, "'SHA512-256'");
        assertFails(() -> RepositoryFormat.open(written(writer().rawConfig(base.replace("AES256-GCM-HMAC-SHA256",
                "XSALSA20"))), PASSWORD, DERIVER), Reason.UNSUPPORTED, "'XSALSA20'");
    }

    @Test
    void malformedConfigIsCorrupt() {
        assertFails(() -> RepositoryFormat.open(written(writer().rawConfig("{\"format\":[1,2]}")), PASSWORD,
                DERIVER), Reason.CORRUPT, "repository config in format blob kopia.repository");
        assertFails(() -> RepositoryFormat.open(written(writer().rawConfig("not json")), PASSWORD, DERIVER),
                Reason.CORRUPT, "kopia.repository");
    }

    @Test
    void configToleratesUnknownFieldsAndAppliesKopiaDefaults() {
        String json = "{\"format\":{\"hash\":\"HMAC-SHA256\",\"encryption\":\"AES256-GCM-HMAC-SHA256\","
                + "\"secret\":\"\",\"masterKey\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"version\":1,"
                + "\"futureField\":{\"x\":[1,2]},\"objectFormat\":\"whatever\"},\"extra\":true}";

        RepositoryConfig config = RepositoryFormat.open(written(writer().rawConfig(json)), PASSWORD, DERIVER)
                .config();

        assertThat(config.indexVersion()).isEqualTo(1);
        assertThat(config.maxPackSizeBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(config.epochParameters()).isEqualTo(EpochParameters.disabled());
        assertThat(config.splitter()).isEmpty();
    }

    @Test
    void blobStorageConfigIsDecryptedAndExposed() {
        FormatBlobWriter writer = writer().retention("COMPLIANCE", Duration.ofDays(30));

        BlobStorageConfig blobCfg = RepositoryFormat.open(written(writer), PASSWORD, DERIVER).blobStorageConfig();

        assertThat(blobCfg.retentionMode()).contains("COMPLIANCE");
        assertThat(blobCfg.retentionPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(blobCfg.retentionEnabled()).isTrue();
    }

    @Test
    void damagedBlobStorageConfigIsCorruptAndNamed() {
        InMemoryBlobStore store = written(writer().retention("GOVERNANCE", Duration.ofDays(1)));
        byte[] blobCfg = store.read(BlobId.of(BlobStorageConfig.BLOB_ID));
        blobCfg[20] ^= 1;
        store.put(BlobStorageConfig.BLOB_ID, blobCfg);

        assertFails(() -> RepositoryFormat.open(store, PASSWORD, DERIVER), Reason.CORRUPT, "kopia.blobcfg");
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        RepositoryFormat repository = RepositoryFormat.open(realStore("kopia-0.20.1-default"), PASSWORD, DERIVER);
        String text = repository.toString() + repository.config() + repository.contentCrypto()
                + repository.contentHasher();

        assertThat(text).contains("BLAKE2B-256-128")
                .doesNotContain(Base64.getEncoder().encodeToString(repository.config().masterKey()))
                .doesNotContain(Base64.getEncoder().encodeToString(repository.config().hmacSecret()))
                .doesNotContain(HEX.formatHex(repository.config().masterKey()))
                .doesNotContain(HEX.formatHex(repository.config().hmacSecret()));
    }

    private static void assertFails(ThrowingCallable call, Reason reason, String messagePart) {
        RewindException thrown = catchRewind(call);
        assertThat(thrown.reason()).as(thrown.getMessage()).isEqualTo(reason);
        assertThat(thrown.getMessage()).contains(messagePart);
    }

    private static RewindException catchRewind(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(RewindException.class);
        return (RewindException) thrown;
    }
}
