package dev.rewind.kopia.crypto;

import dev.rewind.storage.BlobId;
import java.util.HexFormat;

/**
 * Test support: encrypts a whole blob whose name carries its hash, as kopia: internal/blobcrypto Encrypt does
 * (kopia-format.md §3.2, §5.1): the name is {@code prefix + hex(keyedHash(plaintext))}, followed by
 * {@code "-" + suffix} when a suffix is given; the IV is the last 32 hex characters before the first dash; the bytes
 * are the AEAD of the plaintext under that IV. Used for index blobs ({@code xn0_}, {@code n}), legacy compaction
 * logs and session markers.
 */
public final class BlobEncryptor {
    private final ContentEncryptor encryptor;
    private final ContentHasher hasher;

    public BlobEncryptor(ContentEncryptor encryptor, ContentHasher hasher) {
        this.encryptor = encryptor;
        this.hasher = hasher;
    }

    /** A blob ready to store. */
    public record EncryptedBlob(BlobId id, byte[] bytes) {
    }

    /**
     * Encrypts {@code plaintext}.
     *
     * @param prefix e.g. {@code "xn0_"} (epoch 0 uncompacted index) or {@code "n"} (legacy index)
     * @param suffix e.g. {@code "s0123456789abcdef-c1"}, or empty for none
     */
    public EncryptedBlob encrypt(String prefix, String suffix, byte[] plaintext) {
        String name = prefix + HexFormat.of().formatHex(hasher.hash(plaintext));
        if (!suffix.isEmpty()) {
            name += "-" + suffix;
        }
        BlobId id = BlobId.of(name);
        return new EncryptedBlob(id, encryptor.encrypt(plaintext, ContentCrypto.blobIv(id)));
    }
}
