package dev.rewind.kopia.crypto;

/**
 * A {@link HashAlgorithm} keyed with one repository's HMAC secret: computes content IDs (of uncompressed plaintext)
 * and the hash part of index blob names (kopia-format.md §3.3, §5.1). Immutable and thread-safe; {@link #toString()}
 * never shows the key.
 */
public final class ContentHasher {
    private final HashAlgorithm algorithm;
    private final byte[] key;

    ContentHasher(HashAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The keyed hash of {@code data}, {@link HashAlgorithm#sizeBytes()} long. */
    public byte[] hash(byte[] data) {
        return algorithm.compute(key, data);
    }

    @Override
    public String toString() {
        return "ContentHasher[" + algorithm.kopiaName() + ", key redacted]";
    }
}
