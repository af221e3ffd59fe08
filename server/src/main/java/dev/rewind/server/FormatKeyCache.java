package dev.rewind.server;

import dev.rewind.kopia.format.FormatKeyDeriver;
import dev.rewind.kopia.format.KeyDerivationAlgorithm;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers derived Kopia format keys across the server's runs: every run opens its repository afresh, and the
 * password derivation (scrypt-65536: about 0.5 s of CPU and 64 MiB of heap; pbkdf2-sha256-600000 about as long)
 * dominated a quick verify of a small repository and the heap of a server with 200 apps (ServerBenchmark).
 *
 * <p>Entries are keyed by SHA-256 of (algorithm, password, repository unique id), so neither the password nor the
 * key appears in the map's keys; a rotated password or a re-created repository simply derives again. A wrong
 * password still fails: the repository format checks the key it is given. At most {@code capacity} keys are kept
 * (least recently used dropped). Thread-safe; derivation happens outside the lock, so two first runs of the same
 * repository may both derive.
 */
final class FormatKeyCache implements FormatKeyDeriver {
    private final FormatKeyDeriver delegate;
    private final Map<String, byte[]> keys;

    FormatKeyCache(FormatKeyDeriver delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public byte[] formatKey(KeyDerivationAlgorithm algorithm, char[] password, byte[] uniqueId) {
        String id = fingerprint(algorithm, password, uniqueId);
        synchronized (keys) {
            byte[] known = keys.get(id);
            if (known != null) {
                return known.clone();
            }
        }
        byte[] key = delegate.formatKey(algorithm, password, uniqueId);
        synchronized (keys) {
            keys.put(id, key.clone());
        }
        return key;
    }

    private static String fingerprint(KeyDerivationAlgorithm algorithm, char[] password, byte[] uniqueId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(algorithm.kopiaName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            sha.update(bytes);
            Arrays.fill(bytes, (byte) 0);
            sha.update((byte) 0);
            sha.update(uniqueId);
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
