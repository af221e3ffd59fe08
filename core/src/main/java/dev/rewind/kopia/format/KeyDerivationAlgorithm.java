package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password-based derivation of the 32-byte format key, by the {@code keyAlgo} name of the format blob
 * (kopia-format.md §1, §2.3; kopia: internal/crypto/pb_key_deriver_*.go). The salt is the repository's
 * {@code uniqueID}; both algorithms require at least 16 bytes of it. The password is UTF-8 encoded.
 */
public enum KeyDerivationAlgorithm {
    /** {@code scrypt-65536-8-1}: the default; about 0.5 s and 64 MiB of memory per derivation. */
    SCRYPT_65536_8_1("scrypt-65536-8-1"),
    /** {@code pbkdf2-sha256-600000} (kopia 0.18+): PBKDF2-HMAC-SHA256 with 600 000 iterations. */
    PBKDF2_SHA256_600000("pbkdf2-sha256-600000");

    /** Bytes of the derived format key. */
    public static final int KEY_BYTES = 32;
    /** Minimum salt ({@code uniqueID}) length both algorithms accept. */
    public static final int MIN_SALT_BYTES = 16;

    private final String kopiaName;

    KeyDerivationAlgorithm(String kopiaName) {
        this.kopiaName = kopiaName;
    }

    /** The name in the format blob ({@code keyAlgo}). */
    public String kopiaName() {
        return kopiaName;
    }

    /** The algorithm for a {@code keyAlgo} name; {@link Reason#UNSUPPORTED} for anything else. */
    public static KeyDerivationAlgorithm byName(String name) {
        for (KeyDerivationAlgorithm algorithm : values()) {
            if (algorithm.kopiaName.equals(name)) {
                return algorithm;
            }
        }
        throw new RewindException(Reason.UNSUPPORTED, "unsupported password key derivation '" + name
                + "' (supported: " + Arrays.stream(values()).map(KeyDerivationAlgorithm::kopiaName)
                .collect(Collectors.joining(", ")) + ")");
    }

    /**
     * Derives the format key. Slow by design (see the constants).
     *
     * @throws RewindException CORRUPT when the salt is shorter than {@link #MIN_SALT_BYTES}
     */
    public byte[] deriveKey(char[] password, byte[] salt) {
        if (salt.length < MIN_SALT_BYTES) {
            throw new RewindException(Reason.CORRUPT, "repository uniqueID has " + salt.length
                    + " bytes; key derivation " + kopiaName + " needs at least " + MIN_SALT_BYTES);
        }
        byte[] passwordBytes = utf8(password);
        try {
            return switch (this) {
                case SCRYPT_65536_8_1 -> SCrypt.generate(passwordBytes, salt, 65536, 8, 1, KEY_BYTES);
                case PBKDF2_SHA256_600000 -> {
                    var generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
                    generator.init(passwordBytes, salt, 600_000);
                    yield ((KeyParameter) generator.generateDerivedParameters(KEY_BYTES * 8)).getKey();
                }
            };
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }
}
