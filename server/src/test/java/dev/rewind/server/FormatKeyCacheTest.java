package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.format.KeyDerivationAlgorithm;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FormatKeyCacheTest {
    private final AtomicInteger derivations = new AtomicInteger();
    private final FormatKeyCache cache = new FormatKeyCache((algorithm, password, uniqueId) -> {
        derivations.incrementAndGet();
        byte[] key = new byte[32];
        key[0] = (byte) password.length;
        key[1] = uniqueId[0];
        return key;
    }, 2);
    private final KeyDerivationAlgorithm scrypt = KeyDerivationAlgorithm.values()[0];

    @Test
    void derivesOncePerPasswordAndRepositoryAndHandsOutCopies() {
        byte[] first = cache.formatKey(scrypt, "secret".toCharArray(), new byte[] {1});
        first[5] = 42; // the caller owns its copy
        byte[] again = cache.formatKey(scrypt, "secret".toCharArray(), new byte[] {1});

        assertThat(derivations).hasValue(1);
        assertThat(again[5]).isZero();
        assertThat(again[0]).isEqualTo((byte) 6);
        cache.formatKey(scrypt, "rotated".toCharArray(), new byte[] {1});
        cache.formatKey(scrypt, "secret".toCharArray(), new byte[] {2});
        assertThat(derivations).as("another password or repository derives again").hasValue(3);
    }

    @Test
    void keepsAtMostCapacityKeysDroppingTheLeastRecentlyUsed() {
        cache.formatKey(scrypt, "a".toCharArray(), new byte[] {1});
        cache.formatKey(scrypt, "b".toCharArray(), new byte[] {1});
        cache.formatKey(scrypt, "a".toCharArray(), new byte[] {1});
        cache.formatKey(scrypt, "c".toCharArray(), new byte[] {1}); // drops b
        cache.formatKey(scrypt, "a".toCharArray(), new byte[] {1});
        assertThat(derivations).hasValue(3);
        cache.formatKey(scrypt, "b".toCharArray(), new byte[] {1});
        assertThat(derivations).hasValue(4);
    }
}
