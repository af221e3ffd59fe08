package dev.rewind.kopia.crypto;

import dev.rewind.kopia.content.ContentId;
import java.util.random.RandomGenerator;

/**
 * Test support: the inverse of {@link ContentCrypto#decrypt}: seals an item under its IV with a random 12-byte nonce
 * (kopia-format.md §3.1), producing exactly the {@code nonce ‖ ciphertext ‖ tag} layout Kopia stores. Not
 * thread-safe when the random generator is not.
 */
public final class ContentEncryptor {
    private final ContentCrypto crypto;
    private final RandomGenerator random;

    public ContentEncryptor(ContentCrypto crypto, RandomGenerator random) {
        this.crypto = crypto;
        this.random = random;
    }

    /** Seals {@code plaintext} under {@code iv}. */
    public byte[] encrypt(byte[] plaintext, byte[] iv) {
        byte[] nonce = new byte[ContentCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        return crypto.encrypt(plaintext, iv, nonce);
    }

    /** Seals {@code plaintext} under an explicit nonce (for byte-exact fixtures). */
    public byte[] encrypt(byte[] plaintext, byte[] iv, byte[] nonce) {
        return crypto.encrypt(plaintext, iv, nonce);
    }

    /** Seals a content (possibly already compressed, with its 4-byte header) under {@link ContentId#iv()}. */
    public byte[] encryptContent(ContentId id, byte[] plaintext) {
        return encrypt(plaintext, id.iv());
    }

    public ContentCrypto crypto() {
        return crypto;
    }
}
