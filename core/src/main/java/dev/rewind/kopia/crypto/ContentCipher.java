package dev.rewind.kopia.crypto;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD behind a Kopia content encryption name (kopia-format.md §3.1). Both use a 32-byte per-item key, a 12-byte
 * nonce and a 16-byte tag; the stored layout is {@code nonce ‖ ciphertext ‖ tag}. The per-item key derivation lives
 * in {@link ContentCrypto}.
 */
public enum ContentCipher {
    /** {@code AES256-GCM-HMAC-SHA256}, the default. */
    AES256_GCM_HMAC_SHA256("AES256-GCM-HMAC-SHA256"),
    /** {@code CHACHA20-POLY1305-HMAC-SHA256} (IETF variant, RFC 8439). */
    CHACHA20_POLY1305_HMAC_SHA256("CHACHA20-POLY1305-HMAC-SHA256");

    /** Bytes of the nonce at the start of every stored item. */
    public static final int NONCE_BYTES = 12;
    /** Bytes of the authentication tag at the end of every stored item. */
    public static final int TAG_BYTES = 16;
    /** Stored bytes minus plaintext bytes. */
    public static final int OVERHEAD_BYTES = NONCE_BYTES + TAG_BYTES;

    private final String kopiaName;

    ContentCipher(String kopiaName) {
        this.kopiaName = kopiaName;
    }

    /** The name in the repository config ({@code format.encryption}). */
    public String kopiaName() {
        return kopiaName;
    }

    /** The cipher for a config name; {@link Reason#UNSUPPORTED} for anything else. */
    public static ContentCipher byName(String name) {
        for (ContentCipher cipher : values()) {
            if (cipher.kopiaName.equals(name)) {
                return cipher;
            }
        }
        throw new RewindException(Reason.UNSUPPORTED, "unsupported content encryption '" + name + "' (supported: "
                + Arrays.stream(values()).map(ContentCipher::kopiaName).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * Opens {@code stored[0, storedLength)} ({@code nonce ‖ ciphertext ‖ tag}) into the start of {@code out}, which
     * holds at least {@code storedLength - OVERHEAD_BYTES} bytes, and returns the plaintext length.
     *
     * @throws AEADBadTagException when the tag does not verify
     */
    int open(byte[] key, byte[] stored, int storedLength, byte[] aad, byte[] out) throws AEADBadTagException {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(stored, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(stored, NONCE_BYTES, storedLength - NONCE_BYTES, out, 0);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer of " + out.length + " bytes is too short", e);
        } catch (GeneralSecurityException e) {
            throw new RewindException(Reason.INTERNAL, kopiaName + " is not available in this JVM", e);
        }
    }

    /** Seals {@code plaintext} and returns {@code nonce ‖ ciphertext ‖ tag}. Writers only (tests, fixtures). */
    byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must have " + NONCE_BYTES + " bytes");
        }
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new RewindException(Reason.INTERNAL, kopiaName + " is not available in this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        return switch (this) {
            case AES256_GCM_HMAC_SHA256 -> {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
                yield c;
            }
            case CHACHA20_POLY1305_HMAC_SHA256 -> {
                Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
                c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
                yield c;
            }
        };
    }
}
