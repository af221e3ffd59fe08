package dev.rewind.kopia.format;

import dev.rewind.kopia.crypto.ContentCipher;
import dev.rewind.kopia.crypto.ContentCrypto;
import dev.rewind.kopia.crypto.ContentHasher;
import dev.rewind.kopia.crypto.HashAlgorithm;
import dev.rewind.storage.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Test support: writes {@code kopia.repository} (and optionally {@code kopia.blobcfg}) exactly as Kopia does
 * (kopia-format.md §2; kopia: repo/format/format_blob.go, repository_config.go, blobcfg_blob.go): the outer JSON
 * indented with two spaces plus a trailing newline, the config as compact JSON in Kopia's field order, AES-256-GCM
 * with HKDF-derived key and AAD, random 12-byte nonce.
 *
 * <p>Randomness (uniqueID, master key, HMAC secret, nonces) comes from the injected {@link RandomGenerator}; every
 * value can also be fixed. Format-key derivation goes through {@link CachingFormatKeyDeriver#shared()} by default,
 * so writing and then opening the same repository costs one KDF run. Mutable builder; not thread-safe.
 */
public final class FormatBlobWriter {
    private final RandomGenerator random;
    private String password = "test123";
    private KeyDerivationAlgorithm keyDerivation = KeyDerivationAlgorithm.SCRYPT_65536_8_1;
    private FormatKeyDeriver deriver = CachingFormatKeyDeriver.shared();
    private String buildVersion = "0.20.1";
    private String buildInfo = "1ee24977ceb09c02329eaebac718ec5a950c5d83";
    private byte[] uniqueId;
    private byte[] masterKey;
    private byte[] hmacSecret;
    private int formatVersion = 3;
    private HashAlgorithm hash = HashAlgorithm.DEFAULT;
    private ContentCipher encryption = ContentCipher.AES256_GCM_HMAC_SHA256;
    private String ecc = "";
    private int eccOverheadPercent;
    private long maxPackSizeBytes = RepositoryConfig.DEFAULT_MAX_PACK_SIZE_BYTES;
    private Integer indexVersion;
    private EpochParameters epochParameters;
    private String splitter = "DYNAMIC-4M-BUZHASH";
    private String upgradeLockJson;
    private final List<String> requiredFeaturesJson = new ArrayList<>();
    private String retentionMode;
    private byte[] rawConfig;
    private Duration retentionPeriod;

    private FormatBlobWriter(RandomGenerator random) {
        this.random = random;
        this.uniqueId = randomBytes(32);
        this.masterKey = randomBytes(32);
        this.hmacSecret = randomBytes(32);
    }

    /** Kopia's defaults for a new repository (format 3, index 2, epochs, BLAKE2B-256-128, AES, scrypt). */
    public static FormatBlobWriter withDefaults(RandomGenerator random) {
        return new FormatBlobWriter(random);
    }

    public FormatBlobWriter password(String value) {
        this.password = value;
        return this;
    }

    public FormatBlobWriter keyDerivation(KeyDerivationAlgorithm value) {
        this.keyDerivation = value;
        return this;
    }

    /** Replaces the memoizing deriver (e.g. {@link FormatKeyDeriver#direct()}). */
    public FormatBlobWriter keyDeriver(FormatKeyDeriver value) {
        this.deriver = value;
        return this;
    }

    public FormatBlobWriter buildVersion(String version, String info) {
        this.buildVersion = version;
        this.buildInfo = info;
        return this;
    }

    public FormatBlobWriter uniqueId(byte[] value) {
        this.uniqueId = value.clone();
        return this;
    }

    public FormatBlobWriter masterKey(byte[] value) {
        this.masterKey = value.clone();
        return this;
    }

    /** The HMAC secret ({@code format.secret}); may be empty. */
    public FormatBlobWriter hmacSecret(byte[] value) {
        this.hmacSecret = value.clone();
        return this;
    }

    /**
     * Format version 1, 2 or 3 (any int is written, to test rejection). Unless set explicitly, version 1 implies
     * index version 1, epochs disabled and no password change; versions 2 and 3 imply index version 2 and Kopia's
     * epoch defaults.
     */
    public FormatBlobWriter formatVersion(int value) {
        this.formatVersion = value;
        return this;
    }

    public FormatBlobWriter indexVersion(int value) {
        this.indexVersion = value;
        return this;
    }

    public FormatBlobWriter epochParameters(EpochParameters value) {
        this.epochParameters = value;
        return this;
    }

    public FormatBlobWriter hash(HashAlgorithm value) {
        this.hash = value;
        return this;
    }

    public FormatBlobWriter encryption(ContentCipher value) {
        this.encryption = value;
        return this;
    }

    public FormatBlobWriter ecc(String algorithm, int overheadPercent) {
        this.ecc = algorithm;
        this.eccOverheadPercent = overheadPercent;
        return this;
    }

    public FormatBlobWriter maxPackSizeBytes(long value) {
        this.maxPackSizeBytes = value;
        return this;
    }

    public FormatBlobWriter splitter(String value) {
        this.splitter = value;
        return this;
    }

    /** Places an upgrade lock intent in the config, as {@code kopia repository upgrade begin} does. */
    public FormatBlobWriter upgradeLock(String ownerId, String message) {
        this.upgradeLockJson = "{\"ownerID\":" + quote(ownerId) + ",\"creationTime\":\"2026-01-01T00:00:00Z\","
                + "\"ioDrainTimeout\":900000000000,\"statusPollInterval\":60000000000,\"message\":" + quote(message)
                + ",\"maxPermittedClockDrift\":5000000000}";
        return this;
    }

    public FormatBlobWriter requiredFeature(String feature, boolean warn) {
        requiredFeaturesJson.add("{\"feature\":" + quote(feature) + ",\"ifNotUnderstood\":{\"warn\":" + warn + "}}");
        return this;
    }

    /** Also writes {@code kopia.blobcfg} with this retention (mode {@code GOVERNANCE}/{@code COMPLIANCE}). */
    public FormatBlobWriter retention(String mode, Duration period) {
        this.retentionMode = mode;
        this.retentionPeriod = period;
        return this;
    }

    /** Encrypts exactly these bytes as the repository config instead of the generated JSON (negative tests). */
    public FormatBlobWriter rawConfig(String json) {
        this.rawConfig = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The plaintext repository config, compact JSON in Kopia's field order (or the raw config, if set). */
    public byte[] configJson() {
        if (rawConfig != null) {
            return rawConfig.clone();
        }
        int effectiveIndexVersion = indexVersion != null ? indexVersion : formatVersion == 1 ? 1 : 2;
        EpochParameters epochs = epochParameters != null ? epochParameters
                : formatVersion == 1 ? EpochParameters.disabled() : EpochParameters.kopiaDefaults();
        var json = new StringBuilder("{\"format\":{");
        json.append("\"hash\":").append(quote(hash.kopiaName()));
        json.append(",\"encryption\":").append(quote(encryption.kopiaName()));
        if (!ecc.isEmpty()) {
            json.append(",\"ecc\":").append(quote(ecc));
        }
        if (eccOverheadPercent != 0) {
            json.append(",\"eccOverheadPercent\":").append(eccOverheadPercent);
        }
        json.append(",\"secret\":").append(quote(Base64.getEncoder().encodeToString(hmacSecret)));
        json.append(",\"masterKey\":").append(quote(Base64.getEncoder().encodeToString(masterKey)));
        json.append(",\"version\":").append(formatVersion);
        json.append(",\"maxPackSize\":").append(maxPackSizeBytes);
        json.append(",\"indexVersion\":").append(effectiveIndexVersion);
        json.append(",\"epochParameters\":{\"Enabled\":").append(epochs.enabled())
                .append(",\"EpochRefreshFrequency\":").append(epochs.epochRefreshFrequency().toNanos())
                .append(",\"FullCheckpointFrequency\":").append(epochs.fullCheckpointFrequency())
                .append(",\"CleanupSafetyMargin\":").append(epochs.cleanupSafetyMargin().toNanos())
                .append(",\"MinEpochDuration\":").append(epochs.minEpochDuration().toNanos())
                .append(",\"EpochAdvanceOnCountThreshold\":").append(epochs.epochAdvanceOnCountThreshold())
                .append(",\"EpochAdvanceOnTotalSizeBytesThreshold\":")
                .append(epochs.epochAdvanceOnTotalSizeBytesThreshold())
                .append(",\"DeleteParallelism\":").append(epochs.deleteParallelism()).append('}');
        json.append(",\"enablePasswordChange\":").append(formatVersion != 1);
        json.append(",\"splitter\":").append(quote(splitter));
        if (upgradeLockJson != null) {
            json.append(",\"upgradeLock\":").append(upgradeLockJson);
        }
        if (!requiredFeaturesJson.isEmpty()) {
            json.append(",\"requiredFeatures\":[").append(String.join(",", requiredFeaturesJson)).append(']');
        }
        json.append("}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of {@code kopia.repository}. Draws a fresh nonce from the random generator. */
    public byte[] formatBlobBytes() {
        byte[] sealed = formatKey().encrypt(configJson(), randomBytes(12));
        var b64 = Base64.getEncoder();
        String json = "{\n"
                + "  \"tool\": \"https://github.com/kopia/kopia\",\n"
                + "  \"buildVersion\": " + quote(buildVersion) + ",\n"
                + "  \"buildInfo\": " + quote(buildInfo) + ",\n"
                + "  \"uniqueID\": " + quote(b64.encodeToString(uniqueId)) + ",\n"
                + "  \"keyAlgo\": " + quote(keyDerivation.kopiaName()) + ",\n"
                + "  \"encryption\": \"AES256_GCM\",\n"
                + "  \"encryptedBlockFormat\": " + quote(b64.encodeToString(sealed)) + "\n"
                + "}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of {@code kopia.blobcfg}, when a retention was set. */
    public Optional<byte[]> blobCfgBytes() {
        if (retentionMode == null) {
            return Optional.empty();
        }
        String json = "{\"retentionMode\":" + quote(retentionMode) + ",\"retentionPeriod\":"
                + retentionPeriod.toNanos() + "}";
        return Optional.of(formatKey().encrypt(json.getBytes(StandardCharsets.UTF_8), randomBytes(12)));
    }

    /** Puts {@code kopia.repository} (and {@code kopia.blobcfg} if configured) into the store. */
    public void writeTo(InMemoryBlobStore store) {
        store.put(FormatBlob.BLOB_ID, formatBlobBytes());
        blobCfgBytes().ifPresent(bytes -> store.put(BlobStorageConfig.BLOB_ID, bytes));
    }

    /** The config as the reader will see it. */
    public RepositoryConfig config() {
        return RepositoryConfig.parse(configJson(), "written config");
    }

    /** Content crypto of the repository being written (for encrypting contents and index blobs). */
    public ContentCrypto contentCrypto() {
        return ContentCrypto.of(encryption, masterKey);
    }

    /** Content hasher of the repository being written. */
    public ContentHasher contentHasher() {
        return hash.keyedWith(hmacSecret);
    }

    public String password() {
        return password;
    }

    /** The deriver used for writing; pass it to {@link RepositoryFormat#open(dev.rewind.storage.BlobStore, char[],
     * FormatKeyDeriver)} to reuse the derived key. */
    public FormatKeyDeriver keyDeriver() {
        return deriver;
    }

    FormatKey formatKey() {
        byte[] key = deriver.formatKey(keyDerivation, password.toCharArray(), uniqueId);
        try {
            return FormatKey.of(key, uniqueId);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A JSON string literal escaped as Go's encoding/json does (including its HTML-safe escapes). */
    static String quote(String value) {
        var out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
