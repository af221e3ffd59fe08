package dev.rewind.kopia.format;

import dev.rewind.kopia.crypto.AuthenticationFailedException;
import dev.rewind.kopia.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect {@code encryptedBlockFormat} and {@code kopia.blobcfg} (kopia-format.md §2.3, §2.5; kopia:
 * internal/crypto/aesgcm.go): {@code aesKey = HKDF-SHA256(formatKey, salt = uniqueID, info "AES")},
 * {@code aad = HKDF-SHA256(formatKey, salt = uniqueID, info "CHECKSUM")}, AES-256-GCM with the nonce in the first 12
 * bytes. Hand-written after kopia's source.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows key material.
 */
public final class FormatKey {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] aesKey;
    private final byte[] aad;

    private FormatKey(byte[] aesKey, byte[] aad) {
        this.aesKey = aesKey;
        this.aad = aad;
    }

    /** Keys from a derived format key and the repository's {@code uniqueID}. */
    public static FormatKey of(byte[] formatKey, byte[] uniqueId) {
        return new FormatKey(
                Hkdf.sha256(formatKey, uniqueId, "AES".getBytes(StandardCharsets.US_ASCII), 32),
                Hkdf.sha256(formatKey, uniqueId, "CHECKSUM".getBytes(StandardCharsets.US_ASCII), 32));
    }

    /**
     * Opens {@code nonce ‖ ciphertext ‖ tag}.
     *
     * @param what names the blob for the message
     * @throws AuthenticationFailedException when the blob is too short or the tag does not verify
     */
    public byte[] decrypt(byte[] sealed, String what) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new AuthenticationFailedException(what + " is too short to be encrypted: " + sealed.length
                    + " bytes", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException(what + " failed authentication (AES256_GCM)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /** Seals {@code plaintext} with the given 12-byte nonce. For writers (tests, fixtures) only. */
    byte[] encrypt(byte[] plaintext, byte[] nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /** For known-answer tests. */
    byte[] aesKey() {
        return aesKey.clone();
    }

    /** For known-answer tests. */
    byte[] aad() {
        return aad.clone();
    }

    @Override
    public String toString() {
        return "FormatKey[redacted]";
    }
}
