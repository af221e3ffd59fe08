package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The outer JSON of the {@code kopia.repository} blob (kopia-format.md §2.2; kopia: repo/format/format_blob.go).
 * Unknown fields are ignored. Nothing here is secret: {@code uniqueID} is the KDF salt, and the block format is
 * encrypted.
 *
 * @param tool informational ({@code https://github.com/kopia/kopia})
 * @param buildVersion informational (e.g. {@code 0.20.1})
 * @param buildInfo informational (a git commit)
 * @param uniqueId the repository's unique ID (salt of the password KDF and of the format-key HKDF)
 * @param keyAlgorithm the {@code keyAlgo} name (see {@link KeyDerivationAlgorithm})
 * @param encryption the format-blob cipher name; Kopia only ever writes {@code AES256_GCM}
 * @param encryptedBlockFormat {@code nonce ‖ ciphertext ‖ tag} of the repository config
 */
public record FormatBlob(String tool, String buildVersion, String buildInfo, byte[] uniqueId, String keyAlgorithm,
                         String encryption, byte[] encryptedBlockFormat) {

    /** The blob ID of the format blob. */
    public static final String BLOB_ID = "kopia.repository";
    /** The only format-blob cipher Kopia uses. */
    public static final String AES256_GCM = "AES256_GCM";

    public FormatBlob {
        uniqueId = uniqueId.clone();
        encryptedBlockFormat = encryptedBlockFormat.clone();
    }

    /**
     * Parses the blob bytes.
     *
     * @param what names the blob for messages (e.g. {@code "kopia.repository in s3://bucket/prefix"})
     * @throws RewindException CORRUPT when the bytes are not the expected JSON
     */
    public static FormatBlob parse(byte[] bytes, String what) {
        FormatJson json = FormatJson.parse(bytes, what);
        byte[] uniqueId = json.bytes("uniqueID");
        byte[] block = json.bytes("encryptedBlockFormat");
        if (uniqueId.length == 0) {
            throw new RewindException(Reason.CORRUPT, what + ": field 'uniqueID' is missing or empty");
        }
        if (block.length == 0) {
            throw new RewindException(Reason.CORRUPT, what + ": field 'encryptedBlockFormat' is missing or empty");
        }
        return new FormatBlob(json.string("tool"), json.string("buildVersion"), json.string("buildInfo"), uniqueId,
                json.string("keyAlgo"), json.string("encryption"), block);
    }

    @Override
    public byte[] uniqueId() {
        return uniqueId.clone();
    }

    @Override
    public byte[] encryptedBlockFormat() {
        return encryptedBlockFormat.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatBlob other && tool.equals(other.tool) && buildVersion.equals(other.buildVersion)
                && buildInfo.equals(other.buildInfo) && Arrays.equals(uniqueId, other.uniqueId)
                && keyAlgorithm.equals(other.keyAlgorithm) && encryption.equals(other.encryption)
                && Arrays.equals(encryptedBlockFormat, other.encryptedBlockFormat);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(uniqueId) * 31 + keyAlgorithm.hashCode();
    }

    @Override
    public String toString() {
        return "FormatBlob[buildVersion=" + buildVersion + ", uniqueId=" + Base64.getEncoder().encodeToString(uniqueId)
                + ", keyAlgorithm=" + keyAlgorithm + ", encryption=" + encryption + ", encryptedBlockFormat="
                + encryptedBlockFormat.length + " bytes]";
    }
}
