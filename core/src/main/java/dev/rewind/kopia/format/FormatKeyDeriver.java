package dev.rewind.kopia.format;

/**
 * Computes the format key from a password (kopia-format.md §2.3 step 1). A port so that the slow derivation can be
 * decorated (e.g. memoized in tests, where the same fixture repository is opened many times).
 *
 * <p>Implementations must be thread-safe and must never log or expose the password or the key.
 */
@FunctionalInterface
public interface FormatKeyDeriver {

    /** Returns the 32-byte format key; the caller owns the returned array. */
    byte[] formatKey(KeyDerivationAlgorithm algorithm, char[] password, byte[] uniqueId);

    /** Derives every time, as Kopia does. */
    static FormatKeyDeriver direct() {
        return (algorithm, password, uniqueId) -> algorithm.deriveKey(password, uniqueId);
    }
}
