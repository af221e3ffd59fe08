package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.crypto.AuthenticationFailedException;
import dev.rewind.kopia.crypto.ContentCrypto;
import dev.rewind.kopia.crypto.ContentHasher;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobStore;
import java.util.Arrays;

/**
 * An opened Kopia repository format: the format blob, its decrypted config, the blob-storage config and the ready
 * content crypto and hasher (kopia-format.md §2, §3). Hand-written after kopia: repo/format/*.go.
 *
 * <p>{@link #open} performs, in order: read {@code kopia.repository} (missing → NOT_FOUND); parse it (malformed →
 * CORRUPT); check the format-blob cipher and {@code keyAlgo} (unknown → UNSUPPORTED, before the slow KDF); derive the
 * format key and open {@code encryptedBlockFormat} (tag failure → WRONG_PASSWORD: Kopia cannot tell a wrong password
 * from a damaged ciphertext either); parse the config (malformed → CORRUPT; unknown hash/encryption → UNSUPPORTED);
 * refuse unsupported states ({@link RepositoryConfig#requireReadable}); read {@code kopia.blobcfg} if present (tag
 * failure or bad JSON → CORRUPT).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows key material.
 */
public record RepositoryFormat(FormatBlob formatBlob, RepositoryConfig config, BlobStorageConfig blobStorageConfig,
                               ContentCrypto contentCrypto, ContentHasher contentHasher) {

    /** Opens the repository in {@code store} with the password, deriving the format key as Kopia does. */
    public static RepositoryFormat open(BlobStore store, char[] password) {
        return open(store, password, FormatKeyDeriver.direct());
    }

    /** As {@link #open(BlobStore, char[])}, with a supplied (e.g. memoizing) format-key derivation. */
    public static RepositoryFormat open(BlobStore store, char[] password, FormatKeyDeriver deriver) {
        String repository = store.describe();
        BlobId formatId = BlobId.of(FormatBlob.BLOB_ID);
        if (store.find(formatId).isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, "no Kopia repository at " + repository,
                    "check the bucket, prefix or path: '" + FormatBlob.BLOB_ID + "' is missing", null);
        }
        String formatWhat = "format blob " + FormatBlob.BLOB_ID + " in " + repository;
        FormatBlob blob = FormatBlob.parse(store.read(formatId), formatWhat);
        if (!FormatBlob.AES256_GCM.equals(blob.encryption())) {
            throw new RewindException(Reason.UNSUPPORTED, formatWhat + " uses format encryption '"
                    + blob.encryption() + "'; supported: " + FormatBlob.AES256_GCM);
        }
        KeyDerivationAlgorithm algorithm = KeyDerivationAlgorithm.byName(blob.keyAlgorithm());
        byte[] uniqueId = blob.uniqueId();
        byte[] derived = deriver.formatKey(algorithm, password, uniqueId);
        FormatKey formatKey;
        try {
            formatKey = FormatKey.of(derived, uniqueId);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
        byte[] plaintext;
        try {
            plaintext = formatKey.decrypt(blob.encryptedBlockFormat(), formatWhat);
        } catch (AuthenticationFailedException e) {
            throw new RewindException(Reason.WRONG_PASSWORD, "wrong password for repository " + repository,
                    "the format blob did not authenticate: the password is wrong or " + FormatBlob.BLOB_ID
                            + " is damaged", e);
        }
        RepositoryConfig config;
        try {
            config = RepositoryConfig.parse(plaintext, "repository config in " + formatWhat);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        config.requireReadable(repository);
        BlobStorageConfig blobStorageConfig = readBlobStorageConfig(store, formatKey, repository);
        return new RepositoryFormat(blob, config, blobStorageConfig,
                ContentCrypto.of(config.encryption(), config.masterKey()),
                config.hash().keyedWith(config.hmacSecret()));
    }

    private static BlobStorageConfig readBlobStorageConfig(BlobStore store, FormatKey formatKey, String repository) {
        BlobId id = BlobId.of(BlobStorageConfig.BLOB_ID);
        if (store.find(id).isEmpty()) {
            return BlobStorageConfig.none();
        }
        String what = "blob " + BlobStorageConfig.BLOB_ID + " in " + repository;
        byte[] sealed = store.read(id);
        if (sealed.length == 0) {
            return BlobStorageConfig.none();
        }
        return BlobStorageConfig.parse(formatKey.decrypt(sealed, what), what);
    }

    @Override
    public String toString() {
        return "RepositoryFormat[" + formatBlob + ", " + config + ", " + blobStorageConfig + "]";
    }
}
