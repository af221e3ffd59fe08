package dev.rewind.storage;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * The name of a blob inside a {@link BlobStore}, relative to the store's root or prefix: for Kopia
 * {@code kopia.repository}, {@code p0123...}, {@code xn0_...}; for Barman {@code pg/wals/0000000100000000/...}.
 *
 * <p>Never empty, never absolute, never contains a {@code ..} segment or a backslash.
 */
public record BlobId(String value) implements Comparable<BlobId> {
    public BlobId {
        if (value == null || value.isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "blob id must not be empty");
        }
        if (value.startsWith("/") || value.contains("\\") || value.equals("..") || value.startsWith("../")
                || value.contains("/../") || value.endsWith("/..")) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid blob id: " + value);
        }
    }

    public static BlobId of(String value) {
        return new BlobId(value);
    }

    @Override
    public int compareTo(BlobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
