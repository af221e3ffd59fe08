package dev.rewind.kopia.crypto;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.Blake3Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Kopia's content hash functions by their exact config names (kopia-format.md §3.3; kopia: repo/hashing/*.go). All
 * are keyed with the repository's HMAC secret ({@code format.secret}); an empty secret means unkeyed BLAKE2/BLAKE3
 * and HMAC with an empty key (BouncyCastle's HMac accepts it, unlike {@code javax.crypto.Mac}).
 *
 * <p>Hand-written mapping of Kopia's constructions onto BouncyCastle primitives; note the traps: BLAKE2B-256-128 is
 * BLAKE2b with digest length 32 <em>truncated</em> to 16 bytes, while BLAKE2S-128 uses digest length 16; BLAKE3 derives
 * its key from secrets shorter than 32 bytes.
 */
public enum HashAlgorithm {
    BLAKE2B_256_128("BLAKE2B-256-128", 16),
    BLAKE2B_256("BLAKE2B-256", 32),
    BLAKE2S_128("BLAKE2S-128", 16),
    BLAKE2S_256("BLAKE2S-256", 32),
    HMAC_SHA256("HMAC-SHA256", 32),
    HMAC_SHA256_128("HMAC-SHA256-128", 16),
    HMAC_SHA224("HMAC-SHA224", 28),
    HMAC_SHA3_224("HMAC-SHA3-224", 28),
    HMAC_SHA3_256("HMAC-SHA3-256", 32),
    BLAKE3_256("BLAKE3-256", 32),
    BLAKE3_256_128("BLAKE3-256-128", 16);

    /** The hash Kopia chooses for new repositories. */
    public static final HashAlgorithm DEFAULT = BLAKE2B_256_128;

    private static final byte[] BLAKE3_KEY_CONTEXT = "kopia blake3 derived key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int BLAKE3_KEY_BYTES = 32;
    private static final int BLAKE2B_MAX_KEY_BYTES = 64;
    private static final int BLAKE2S_MAX_KEY_BYTES = 32;

    private final String kopiaName;
    private final int sizeBytes;

    HashAlgorithm(String kopiaName, int sizeBytes) {
        this.kopiaName = kopiaName;
        this.sizeBytes = sizeBytes;
    }

    /** The name in the repository config ({@code format.hash}). */
    public String kopiaName() {
        return kopiaName;
    }

    /** Length of the hash (and therefore of a content ID's hash part) in bytes. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** The algorithm for a config name; {@link Reason#UNSUPPORTED} for anything else. */
    public static HashAlgorithm byName(String name) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.kopiaName.equals(name)) {
                return algorithm;
            }
        }
        throw new RewindException(Reason.UNSUPPORTED, "unsupported content hash '" + name + "' (supported: "
                + Arrays.stream(values()).map(HashAlgorithm::kopiaName).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * A hasher keyed with the repository's HMAC secret.
     *
     * @throws RewindException UNSUPPORTED when Kopia itself could not use this secret with this algorithm
     *     (BLAKE2S-128 with an empty secret, BLAKE2 secrets longer than the algorithm's key limit)
     */
    public ContentHasher keyedWith(byte[] secret) {
        byte[] key = switch (this) {
            case BLAKE2B_256_128, BLAKE2B_256 -> requireKeyLength(secret, BLAKE2B_MAX_KEY_BYTES, false);
            case BLAKE2S_128 -> requireKeyLength(secret, BLAKE2S_MAX_KEY_BYTES, true);
            case BLAKE2S_256 -> requireKeyLength(secret, BLAKE2S_MAX_KEY_BYTES, false);
            case BLAKE3_256, BLAKE3_256_128 -> blake3Key(secret);
            case HMAC_SHA256, HMAC_SHA256_128, HMAC_SHA224, HMAC_SHA3_224, HMAC_SHA3_256 -> secret.clone();
        };
        return new ContentHasher(this, key);
    }

    /** One hash computation with a prepared key; a fresh digest per call. */
    byte[] compute(byte[] key, byte[] data) {
        byte[] full = switch (this) {
            case BLAKE2B_256_128, BLAKE2B_256 -> digest(new Blake2bDigest(orNull(key), 32, null, null), data);
            case BLAKE2S_128 -> digest(new Blake2sDigest(orNull(key), 16, null, null), data);
            case BLAKE2S_256 -> digest(new Blake2sDigest(orNull(key), 32, null, null), data);
            case BLAKE3_256, BLAKE3_256_128 -> {
                Blake3Digest blake3 = new Blake3Digest(256);
                blake3.init(Blake3Parameters.key(key));
                yield digest(blake3, data);
            }
            case HMAC_SHA256, HMAC_SHA256_128 -> hmac(new SHA256Digest(), key, data);
            case HMAC_SHA224 -> hmac(new SHA224Digest(), key, data);
            case HMAC_SHA3_224 -> hmac(new SHA3Digest(224), key, data);
            case HMAC_SHA3_256 -> hmac(new SHA3Digest(256), key, data);
        };
        return full.length == sizeBytes ? full : Arrays.copyOf(full, sizeBytes);
    }

    private byte[] requireKeyLength(byte[] secret, int max, boolean nonEmpty) {
        if (secret.length > max || (nonEmpty && secret.length == 0)) {
            throw new RewindException(Reason.UNSUPPORTED, "content hash " + kopiaName + " cannot be keyed with a "
                    + secret.length + "-byte HMAC secret");
        }
        return secret.clone();
    }

    /** Kopia's rule: secrets shorter than 32 bytes go through BLAKE3 derive_key; longer ones are cut to 32. */
    private static byte[] blake3Key(byte[] secret) {
        if (secret.length >= BLAKE3_KEY_BYTES) {
            return Arrays.copyOf(secret, BLAKE3_KEY_BYTES);
        }
        Blake3Digest derive = new Blake3Digest(256);
        derive.init(Blake3Parameters.context(BLAKE3_KEY_CONTEXT));
        return digest(derive, secret);
    }

    private static byte[] orNull(byte[] key) {
        return key.length == 0 ? null : key;
    }

    private static byte[] digest(Digest digest, byte[] data) {
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] hmac(Digest digest, byte[] key, byte[] data) {
        HMac mac = new HMac(digest);
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
