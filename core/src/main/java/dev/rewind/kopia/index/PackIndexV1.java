package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;
import java.util.HashMap;
import java.util.Map;

/**
 * Index format v1 (kopia-format.md §5.3; kopia: repo/content/index/index_v1.go). Big-endian.
 *
 * <pre>
 * header (8): version=1 | keySize (255 in an empty index) | entrySize=20 (2) | entryCount (4)
 * entryCount × (key | timestamp (6) | format version | pack name length | pack name offset (4)
 *               | deleted bit + pack offset (4) | packed length (4))
 * pack names, then anything (ignored)
 * </pre>
 *
 * <p>v1 records neither compression (always 0) nor the original length ({@link IndexEntry#UNKNOWN_LENGTH}).
 * Per-entry memory: keySize + 20 bytes (37 in a default repository) plus one map entry per distinct pack name.
 */
public final class PackIndexV1 extends PackIndex {
    static final int HEADER_SIZE = 8;
    static final int ENTRY_SIZE = 20;
    static final int EMPTY_KEY_SIZE = 255;

    private final Map<Long, BlobId> packsByNameLocation;

    private PackIndexV1(BlobId blobId, byte[] data, int keySize, int entryCount, Map<Long, BlobId> packs) {
        super(blobId, data, keySize, keySize + ENTRY_SIZE, HEADER_SIZE, entryCount);
        this.packsByNameLocation = packs;
    }

    static PackIndexV1 parseV1(BlobId blobId, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw corrupt(blobId, "truncated index v1 header (" + data.length + " bytes)");
        }
        int keySize = u8(data, 1);
        int entrySize = u16(data, 2);
        long entryCount = u32(data, 4);
        if (keySize < 2) {
            throw corrupt(blobId, "invalid key size " + keySize);
        }
        if (entryCount == 0) {
            return new PackIndexV1(blobId, data, keySize, 0, Map.of());
        }
        if (keySize > MAX_KEY_SIZE) {
            throw corrupt(blobId, "invalid key size " + keySize + " for " + entryCount + " entries");
        }
        if (entrySize != ENTRY_SIZE) {
            throw corrupt(blobId, "invalid entry size " + entrySize + " (index v1 entries are 20 bytes)");
        }
        long end = HEADER_SIZE + entryCount * (keySize + ENTRY_SIZE);
        if (end > data.length) {
            throw corrupt(blobId, "truncated: " + entryCount + " entries need " + end + " bytes, the index has "
                    + data.length);
        }
        var index = new PackIndexV1(blobId, data, keySize, (int) entryCount, new HashMap<>());
        index.checkKeys();
        index.resolvePackNames();
        return index;
    }

    private void resolvePackNames() {
        for (int i = 0; i < entryCount; i++) {
            int value = keyOffset(i) + keySize;
            int length = u8(data, value + 7);
            long offset = u32(data, value + 8);
            long location = (offset << 8) | length;
            if (!packsByNameLocation.containsKey(location)) {
                packsByNameLocation.put(location, packName(blobId(), data, offset, length, "entry " + i));
            }
        }
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public IndexEntry entryAt(int position) {
        int value = keyOffset(position) + keySize;
        long location = (u32(data, value + 8) << 8) | u8(data, value + 7);
        long offsetAndFlags = u32(data, value + 12);
        return new IndexEntry(
                contentIdAt(position),
                packsByNameLocation.get(location),
                offsetAndFlags & 0x7fff_ffffL,
                u32(data, value + 16),
                IndexEntry.UNKNOWN_LENGTH,
                u48(data, value),
                (offsetAndFlags & 0x8000_0000L) != 0,
                0,
                u8(data, value + 6),
                0,
                1);
    }
}
