package dev.rewind.kopia.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869: extract with the salt, then expand with the info), as Kopia uses it for the format-blob keys
 * (kopia-format.md §2.3) and the content key (§3.1, where the purpose string sits in the <em>salt</em>).
 *
 * <p>Stateless and thread-safe.
 */
public final class Hkdf {
    private Hkdf() {
    }

    /** Derives {@code lengthBytes} bytes. Empty salt and empty info are allowed. */
    public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int lengthBytes) {
        var generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[lengthBytes];
        generator.generateBytes(out, 0, lengthBytes);
        return out;
    }
}
