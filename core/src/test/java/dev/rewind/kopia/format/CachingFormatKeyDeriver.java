package dev.rewind.kopia.format;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test support: a {@link FormatKeyDeriver} decorator that memoizes derived format keys per (algorithm, password,
 * uniqueID), so that a fixture repository can be written and opened many times with a single scrypt run (scrypt-65536
 * costs about 0.5 s and 64 MiB; pbkdf2-sha256-600000 about as long). Thread-safe.
 */
public final class CachingFormatKeyDeriver implements FormatKeyDeriver {
    private static final CachingFormatKeyDeriver SHARED = new CachingFormatKeyDeriver(FormatKeyDeriver.direct());

    private final FormatKeyDeriver delegate;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    public CachingFormatKeyDeriver(FormatKeyDeriver delegate) {
        this.delegate = delegate;
    }

    /** One JVM-wide cache, shared by every test class. */
    public static CachingFormatKeyDeriver shared() {
        return SHARED;
    }

    @Override
    public byte[] formatKey(KeyDerivationAlgorithm algorithm, char[] password, byte[] uniqueId) {
        String cacheKey = algorithm.kopiaName() + "|" + new String(password) + "|" + HexFormat.of().formatHex(uniqueId);
        return keys.computeIfAbsent(cacheKey, k -> delegate.formatKey(algorithm, password, uniqueId)).clone();
    }
}
