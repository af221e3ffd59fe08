package dev.rewind.kopia.content;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Kopia content ID (kopia-format.md §4.6): an optional one-letter prefix {@code g}…{@code z} ({@code k}
 * directory, {@code x} indirect-object index, {@code m} manifest; none for file data) followed by the hash bytes.
 *
 * <p>String form: the prefix letter (if any) followed by the lowercase hex of the hash; an odd length means the first
 * character is the prefix. Binary index key: 1 prefix byte (ASCII letter or {@code 0x00}) followed by the hash.
 * Ordering is unsigned byte-wise comparison of the binary key, so non-prefixed IDs sort before prefixed ones.
 *
 * @param prefix the prefix letter, or {@code 0} for none
 * @param hash the hash bytes (defensively copied; at least 1 byte, at most 32)
 */
public record ContentId(char prefix, byte[] hash) implements Comparable<ContentId> {
    private static final HexFormat HEX = HexFormat.of();

    public ContentId {
        if (prefix != 0 && (prefix < 'g' || prefix > 'z')) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid content id prefix '" + prefix + "'");
        }
        if (hash == null || hash.length == 0 || hash.length > 32) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid content id hash length");
        }
        hash = hash.clone();
    }

    /** Parses the string form ({@code k0123…}, {@code 0123…}). */
    public static ContentId parse(String text) {
        if (text == null || text.length() < 2) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid content id '" + text + "'");
        }
        char prefix = 0;
        String hex = text;
        if (text.length() % 2 == 1) {
            prefix = text.charAt(0);
            hex = text.substring(1);
        }
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid content id '" + text + "'");
        }
        return new ContentId(prefix, HEX.parseHex(hex));
    }

    /** Builds an ID from the binary index key: prefix byte ({@code 0} for none) followed by the hash. */
    public static ContentId fromIndexKey(byte[] key) {
        if (key.length < 2) {
            throw new RewindException(Reason.CORRUPT, "content id key too short: " + key.length + " bytes");
        }
        return new ContentId((char) (key[0] & 0xff), Arrays.copyOfRange(key, 1, key.length));
    }

    /** The binary key used inside indexes. */
    public byte[] indexKey() {
        byte[] key = new byte[hash.length + 1];
        key[0] = (byte) prefix;
        System.arraycopy(hash, 0, key, 1, hash.length);
        return key;
    }

    public boolean hasPrefix() {
        return prefix != 0;
    }

    /** The hash bytes (a copy). */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The IV used to encrypt this content: the last 16 bytes of the hash (kopia-format.md §3.2). */
    public byte[] iv() {
        return Arrays.copyOfRange(hash, Math.max(0, hash.length - 16), hash.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentId other && other.prefix == prefix && Arrays.equals(other.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * prefix + Arrays.hashCode(hash);
    }

    @Override
    public int compareTo(ContentId other) {
        return Arrays.compareUnsigned(indexKey(), other.indexKey());
    }

    @Override
    public String toString() {
        return (prefix == 0 ? "" : String.valueOf(prefix)) + HEX.formatHex(hash);
    }
}
