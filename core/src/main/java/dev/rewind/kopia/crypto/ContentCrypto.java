package dev.rewind.kopia.crypto;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Decrypts Kopia contents and index blobs of one repository (kopia-format.md §3.1, §3.2). Written by hand after
 * kopia: repo/encryption/aead_helpers.go and internal/blobcrypto/blob_crypto.go; no library implements this scheme.
 *
 * <ul>
 *   <li>{@code K = HKDF-SHA256(ikm = masterKey, salt = "encryption", info = empty, 32 bytes)}, once;</li>
 *   <li>per item: {@code itemKey = HMAC-SHA256(K, IV)}, nonce = first 12 stored bytes, AAD = IV, tag = last 16.</li>
 * </ul>
 *
 * <p>The IV of a content is {@link ContentId#iv()}; the IV of an index blob comes from its name
 * ({@link #blobIv(BlobId)}). Immutable and thread-safe. {@link #toString()} never shows key material. With ECC
 * enabled the ECC framing would have to be removed first; {@code RepositoryFormat} refuses such repositories.
 */
public final class ContentCrypto {
    private static final byte[] CONTENT_KEY_SALT = "encryption".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int BLOB_IV_HEX_CHARS = 32;

    private final ContentCipher cipher;
    private final byte[] contentKey;

    private ContentCrypto(ContentCipher cipher, byte[] contentKey) {
        this.cipher = cipher;
        this.contentKey = contentKey;
    }

    /** Crypto for a repository with the given cipher and master key (config {@code format.masterKey}). */
    public static ContentCrypto of(ContentCipher cipher, byte[] masterKey) {
        if (masterKey.length == 0) {
            throw new RewindException(Reason.CORRUPT, "repository master key is empty");
        }
        return new ContentCrypto(cipher, Hkdf.sha256(masterKey, CONTENT_KEY_SALT, new byte[0], KEY_BYTES));
    }

    public ContentCipher cipher() {
        return cipher;
    }

    /**
     * Opens one encrypted item.
     *
     * @param stored {@code nonce ‖ ciphertext ‖ tag}
     * @param iv the item's IV (any length; normally 16 bytes)
     * @param what names the item for the error message, e.g. {@code "content 1234… in pack p…"}
     * @throws AuthenticationFailedException (reason CORRUPT) when the item is too short or its tag does not verify
     */
    public byte[] decrypt(byte[] stored, byte[] iv, String what) {
        byte[] plaintext = new byte[Math.max(0, stored.length - ContentCipher.OVERHEAD_BYTES)];
        decrypt(stored, stored.length, iv, what, plaintext);
        return plaintext;
    }

    /**
     * As {@link #decrypt(byte[], byte[], String)} for {@code stored[0, storedLength)}, into the start of {@code out}
     * (at least {@code storedLength - 28} bytes); returns the plaintext length. On failure {@code out} holds no
     * authenticated data.
     */
    public int decrypt(byte[] stored, int storedLength, byte[] iv, String what, byte[] out) {
        if (storedLength < ContentCipher.OVERHEAD_BYTES) {
            throw new AuthenticationFailedException(what + " is too short to be encrypted: " + storedLength
                    + " bytes, at least " + ContentCipher.OVERHEAD_BYTES + " expected", null);
        }
        try {
            return cipher.open(itemKey(iv), stored, storedLength, iv, out);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException(what + " failed authentication (" + cipher.kopiaName()
                    + "): damaged or not written with this repository's keys", e);
        }
    }

    /** Opens a content read from a pack; the IV is {@link ContentId#iv()}. */
    public byte[] decryptContent(ContentId id, byte[] stored) {
        return decrypt(stored, id.iv(), "content " + id);
    }

    /** Opens an index blob (or another blob whose IV is in its name, §3.2), e.g. {@code xn0_<hash>-s…-c1}. */
    public byte[] decryptBlob(BlobId id, byte[] stored) {
        return decrypt(stored, blobIv(id), "blob " + id);
    }

    /**
     * The IV of a blob whose name carries its hash: the 32 hex characters immediately before the first {@code -}
     * (or the end of the name), decoded (kopia-format.md §3.2).
     *
     * @throws RewindException CORRUPT when the name does not carry a hex hash there
     */
    public static byte[] blobIv(BlobId id) {
        String name = id.value();
        int dash = name.indexOf('-');
        String head = dash >= 0 ? name.substring(0, dash) : name;
        if (head.length() < BLOB_IV_HEX_CHARS) {
            throw new RewindException(Reason.CORRUPT, "blob " + id + " has no hash in its name to derive the IV from");
        }
        String hex = head.substring(head.length() - BLOB_IV_HEX_CHARS);
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            throw new RewindException(Reason.CORRUPT, "blob " + id + " has no hex hash in its name to derive the IV from");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Seals {@code plaintext} under {@code iv} with the given nonce. For writers (tests, fixtures) only. */
    byte[] encrypt(byte[] plaintext, byte[] iv, byte[] nonce) {
        return cipher.seal(itemKey(iv), nonce, plaintext, iv);
    }

    /** {@code HMAC-SHA256(K, iv)}; package-private for known-answer tests. */
    byte[] itemKey(byte[] iv) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(contentKey));
        mac.update(iv, 0, iv.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** The derived content key K; package-private for known-answer tests. */
    byte[] contentKey() {
        return contentKey.clone();
    }

    @Override
    public String toString() {
        return "ContentCrypto[" + cipher.kopiaName() + ", keys redacted]";
    }
}
