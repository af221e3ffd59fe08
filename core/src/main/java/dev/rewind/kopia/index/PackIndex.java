package dev.rewind.kopia.index;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.util.Arrays;
import java.util.Optional;

/**
 * The parsed plaintext of one Kopia index blob: fixed-stride records sorted by binary content-ID key
 * (kopia-format.md §4.6, §5.2, §5.3). Written by hand following kopia's repo/content/index/index_v1.go and
 * index_v2.go; no library reads this format.
 *
 * <p>The index keeps the decrypted plaintext as one byte array and answers lookups by binary search over it, as kopia
 * does; {@link IndexEntry} objects are only created on demand. Memory per entry is the record stride: key size plus
 * value size, i.e. 33 bytes for a default index v2 (17-byte key + 16-byte value, up to 36 with the optional bytes)
 * and 37 bytes for index v1 (17 + 20), plus the pack-name table shared by all entries.
 *
 * <p>{@link #parse} validates the whole blob eagerly (header, section bounds, every pack name, every record's pack
 * and format references, key prefixes and strict key order), so later lookups cannot fail. Any inconsistency is a
 * {@link RewindException} with reason {@code CORRUPT} naming the index blob. Instances are immutable and thread-safe.
 */
public abstract sealed class PackIndex permits PackIndexV1, PackIndexV2 {
    /** Largest key: one prefix byte plus a 32-byte hash. */
    static final int MAX_KEY_SIZE = 33;

    private final BlobId blobId;
    final byte[] data;
    final int keySize;
    final int stride;
    final int entriesOffset;
    final int entryCount;

    PackIndex(BlobId blobId, byte[] data, int keySize, int stride, int entriesOffset, int entryCount) {
        this.blobId = blobId;
        this.data = data;
        this.keySize = keySize;
        this.stride = stride;
        this.entriesOffset = entriesOffset;
        this.entryCount = entryCount;
    }

    /**
     * Parses the decrypted plaintext of index blob {@code blobId}, choosing the layout by its first byte (1 or 2).
     * The array is retained, not copied: the caller must not modify it afterwards.
     *
     * @throws RewindException {@code CORRUPT} naming {@code blobId} when the bytes are not a consistent index
     */
    public static PackIndex parse(BlobId blobId, byte[] plaintext) {
        if (plaintext.length == 0) {
            throw corrupt(blobId, "empty index blob");
        }
        return switch (plaintext[0]) {
            case 1 -> PackIndexV1.parseV1(blobId, plaintext);
            case 2 -> PackIndexV2.parseV2(blobId, plaintext);
            default -> throw corrupt(blobId, "unknown index version " + (plaintext[0] & 0xff));
        };
    }

    /** The index blob these entries came from. */
    public BlobId blobId() {
        return blobId;
    }

    /** The index format version: 1 or 2. */
    public abstract int version();

    public int entryCount() {
        return entryCount;
    }

    /** Bytes of the retained plaintext (the memory this index holds). */
    public long retainedBytes() {
        return data.length;
    }

    /** The entry at {@code position} (0 ≤ position &lt; {@link #entryCount()}), in key order. */
    public abstract IndexEntry entryAt(int position);

    /** Every entry of this index blob (live entries and deletion markers), in key order, created lazily. */
    public java.util.stream.Stream<IndexEntry> entries() {
        return java.util.stream.IntStream.range(0, entryCount).mapToObj(this::entryAt);
    }

    /** The entry of {@code id} in this index blob (live or deletion marker), or empty. */
    public Optional<IndexEntry> find(ContentId id) {
        byte[] key = id.indexKey();
        int position = lowerBound(key);
        if (position < entryCount && compareKeyAt(position, key) == 0) {
            return Optional.of(entryAt(position));
        }
        return Optional.empty();
    }

    /** The first position whose key is ≥ {@code key} (unsigned byte order), {@link #entryCount()} if none. */
    int lowerBound(byte[] key) {
        int low = 0;
        int high = entryCount;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compareKeyAt(mid, key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    int keyOffset(int position) {
        return entriesOffset + position * stride;
    }

    int compareKeyAt(int position, byte[] key) {
        int offset = keyOffset(position);
        return Arrays.compareUnsigned(data, offset, offset + keySize, key, 0, key.length);
    }

    /** Compares the key at {@code position} with the key at {@code otherPosition} of {@code other}. */
    int compareKeys(int position, PackIndex other, int otherPosition) {
        int offset = keyOffset(position);
        int otherOffset = other.keyOffset(otherPosition);
        return Arrays.compareUnsigned(data, offset, offset + keySize,
                other.data, otherOffset, otherOffset + other.keySize);
    }

    /** The first (prefix) byte of the key at {@code position}. */
    int prefixByteAt(int position) {
        return data[keyOffset(position)] & 0xff;
    }

    ContentId contentIdAt(int position) {
        int offset = keyOffset(position);
        return ContentId.fromIndexKey(Arrays.copyOfRange(data, offset, offset + keySize));
    }

    /**
     * Checks every key: a valid prefix byte ({@code 0} or {@code g}…{@code z}) and strictly ascending order, which
     * binary search relies on.
     */
    void checkKeys() {
        for (int i = 0; i < entryCount; i++) {
            int prefix = prefixByteAt(i);
            if (prefix != 0 && (prefix < 'g' || prefix > 'z')) {
                throw corrupt(blobId, "entry " + i + " has an invalid content id prefix byte 0x"
                        + Integer.toHexString(prefix));
            }
            if (i > 0 && compareKeys(i - 1, this, i) >= 0) {
                throw corrupt(blobId, "entry " + i + " is not in ascending content id order");
            }
        }
    }

    static int u8(byte[] b, int offset) {
        return b[offset] & 0xff;
    }

    static int u16(byte[] b, int offset) {
        return (u8(b, offset) << 8) | u8(b, offset + 1);
    }

    static int u24(byte[] b, int offset) {
        return (u8(b, offset) << 16) | (u8(b, offset + 1) << 8) | u8(b, offset + 2);
    }

    static long u32(byte[] b, int offset) {
        return ((long) u16(b, offset) << 16) | u16(b, offset + 2);
    }

    static long u48(byte[] b, int offset) {
        return ((long) u16(b, offset) << 32) | u32(b, offset + 2);
    }

    /** Reads a pack blob name, validating its bounds and syntax. */
    static BlobId packName(BlobId blobId, byte[] data, long offset, int length, String what) {
        if (length == 0) {
            throw corrupt(blobId, what + " has an empty pack name");
        }
        if (offset + length > data.length) {
            throw corrupt(blobId, what + " names a pack at offset " + offset + " length " + length
                    + " outside the " + data.length + "-byte index");
        }
        String name = new String(data, (int) offset, length, java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || data[(int) offset + i] < 0) {
                throw corrupt(blobId, what + " has a pack name with a non-printable byte");
            }
        }
        try {
            return BlobId.of(name);
        } catch (RewindException e) {
            throw corrupt(blobId, what + " has an invalid pack name");
        }
    }

    static RewindException corrupt(BlobId blobId, String why) {
        return new RewindException(Reason.CORRUPT, "index blob " + blobId + ": " + why);
    }
}
