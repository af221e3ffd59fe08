package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.crypto.ContentCipher;
import dev.rewind.kopia.crypto.HashAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decrypted repository config, {@code {"format":{…}}} (kopia-format.md §2.4; kopia: repo/format/
 * repository_config.go, content_format.go, object_format.go). Unknown fields are tolerated; Kopia's defaults are
 * applied ({@code indexVersion} 0 means 1, {@code maxPackSize} 0 means 20 MiB).
 *
 * <p>Holds the master key and the HMAC secret: {@link #toString()} redacts them, accessors return copies.
 *
 * @param formatVersion {@code version}: 1, 2 or 3
 * @param hash the content hash
 * @param encryption the content cipher
 * @param ecc the ECC algorithm name, empty when not set
 * @param eccOverheadPercent 0 when ECC is off
 * @param hmacSecret {@code secret}
 * @param masterKey {@code masterKey}
 * @param maxPackSizeBytes {@code maxPackSize}
 * @param indexVersion 1 or 2
 * @param epochParameters disabled when absent
 * @param enablePasswordChange false for format version 1
 * @param splitter the object splitter name, e.g. {@code DYNAMIC-4M-BUZHASH}
 * @param upgradeLock present while (or since) an upgrade runs
 * @param requiredFeatures features a reader must understand
 */
public record RepositoryConfig(int formatVersion, HashAlgorithm hash, ContentCipher encryption, String ecc,
                               int eccOverheadPercent, byte[] hmacSecret, byte[] masterKey, long maxPackSizeBytes,
                               int indexVersion, EpochParameters epochParameters, boolean enablePasswordChange,
                               String splitter, Optional<UpgradeLock> upgradeLock,
                               List<RequiredFeature> requiredFeatures) {

    /** {@code maxPackSize} when the config has 0. */
    public static final long DEFAULT_MAX_PACK_SIZE_BYTES = 20L * 1024 * 1024;
    /** Features this reader understands (kopia: repo/format/format_provider.go). */
    public static final List<String> UNDERSTOOD_FEATURES = List.of("index-v1", "index-v2");

    public RepositoryConfig {
        hmacSecret = hmacSecret.clone();
        masterKey = masterKey.clone();
        requiredFeatures = List.copyOf(requiredFeatures);
    }

    /**
     * Parses the decrypted config JSON.
     *
     * @throws RewindException CORRUPT for malformed JSON or a missing master key, UNSUPPORTED for an unknown hash or
     *     encryption name
     */
    public static RepositoryConfig parse(byte[] plaintext, String what) {
        FormatJson root = FormatJson.parse(plaintext, what);
        FormatJson format = root.object("format").orElseThrow(
                () -> new RewindException(Reason.CORRUPT, what + ": the repository config has no 'format' object"));
        byte[] masterKey = format.bytes("masterKey");
        if (masterKey.length == 0) {
            throw new RewindException(Reason.CORRUPT, what + ": the repository config has no masterKey");
        }
        List<RequiredFeature> features = new ArrayList<>();
        var rawFeatures = format.raw("requiredFeatures");
        if (!rawFeatures.isMissingNode() && !rawFeatures.isNull()) {
            if (!rawFeatures.isArray()) {
                throw new RewindException(Reason.CORRUPT, what + ": field 'requiredFeatures' is not an array");
            }
            for (var element : rawFeatures) {
                byte[] elementJson = FormatJson.MAPPER.writeValueAsBytes(element);
                features.add(RequiredFeature.parse(FormatJson.parse(elementJson, what + " requiredFeatures")));
            }
        }
        int indexVersion = format.int32("indexVersion");
        long maxPackSize = format.integer("maxPackSize");
        return new RepositoryConfig(
                format.int32("version"),
                HashAlgorithm.byName(format.string("hash")),
                ContentCipher.byName(format.string("encryption")),
                format.string("ecc"),
                format.int32("eccOverheadPercent"),
                format.bytes("secret"),
                masterKey,
                maxPackSize == 0 ? DEFAULT_MAX_PACK_SIZE_BYTES : maxPackSize,
                indexVersion == 0 ? 1 : indexVersion,
                format.object("epochParameters").map(EpochParameters::parse).orElse(EpochParameters.disabled()),
                format.bool("enablePasswordChange"),
                format.string("splitter"),
                format.object("upgradeLock").map(UpgradeLock::parse),
                features);
    }

    /** True when stored items are wrapped in Reed-Solomon ECC (kopia-format.md §4.10). */
    public boolean eccEnabled() {
        return eccOverheadPercent > 0;
    }

    /**
     * Refuses what this read-only reader cannot handle safely, naming the exact feature.
     *
     * @param repository names the repository for messages
     * @throws RewindException UNSUPPORTED for a format version other than 1–3, an index version other than 1–2, an
     *     upgrade lock, ECC, or a required feature that is not understood (and not marked warn-only)
     */
    public void requireReadable(String repository) {
        if (formatVersion < 1 || formatVersion > 3) {
            throw new RewindException(Reason.UNSUPPORTED, "repository " + repository + " has format version "
                    + formatVersion + "; supported: 1, 2, 3");
        }
        if (indexVersion < 1 || indexVersion > 2) {
            throw new RewindException(Reason.UNSUPPORTED, "repository " + repository + " has index version "
                    + indexVersion + "; supported: 1, 2");
        }
        upgradeLock.ifPresent(lock -> {
            throw new RewindException(Reason.UNSUPPORTED, "repository " + repository
                    + " has an upgrade lock (owner '" + lock.ownerId() + "'): a format upgrade is in progress",
                    "wait for 'kopia repository upgrade' to finish, or roll it back", null);
        });
        if (eccEnabled()) {
            throw new RewindException(Reason.UNSUPPORTED, "repository " + repository + ": error correction (ECC) is "
                    + "enabled (" + (ecc.isEmpty() ? "default algorithm" : ecc) + ", " + eccOverheadPercent
                    + "% overhead); not supported");
        }
        for (RequiredFeature feature : requiredFeatures) {
            if (!UNDERSTOOD_FEATURES.contains(feature.feature()) && !feature.warnOnly()) {
                throw new RewindException(Reason.UNSUPPORTED, "repository " + repository + " requires feature '"
                        + feature.feature() + "', which is not supported");
            }
        }
    }

    @Override
    public byte[] hmacSecret() {
        return hmacSecret.clone();
    }

    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepositoryConfig other && formatVersion == other.formatVersion && hash == other.hash
                && encryption == other.encryption && ecc.equals(other.ecc)
                && eccOverheadPercent == other.eccOverheadPercent && Arrays.equals(hmacSecret, other.hmacSecret)
                && Arrays.equals(masterKey, other.masterKey) && maxPackSizeBytes == other.maxPackSizeBytes
                && indexVersion == other.indexVersion && epochParameters.equals(other.epochParameters)
                && enablePasswordChange == other.enablePasswordChange && splitter.equals(other.splitter)
                && upgradeLock.equals(other.upgradeLock) && requiredFeatures.equals(other.requiredFeatures);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(masterKey);
    }

    @Override
    public String toString() {
        return "RepositoryConfig[formatVersion=" + formatVersion + ", hash=" + hash.kopiaName() + ", encryption="
                + encryption.kopiaName() + ", ecc=" + (eccEnabled() ? ecc + "/" + eccOverheadPercent + "%" : "off")
                + ", hmacSecret=<redacted>, masterKey=<redacted>, maxPackSizeBytes=" + maxPackSizeBytes
                + ", indexVersion=" + indexVersion + ", epochParameters=" + epochParameters
                + ", enablePasswordChange=" + enablePasswordChange + ", splitter=" + splitter + ", upgradeLock="
                + upgradeLock + ", requiredFeatures=" + requiredFeatures + "]";
    }
}
