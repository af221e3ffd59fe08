package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;

/**
 * Index format v2 (kopia-format.md §5.2; kopia: repo/content/index/index_v2.go). Big-endian.
 *
 * <pre>
 * header (17): version=2 | keySize | entrySize (2) | entryCount (4) | packCount (4) | formatCount | baseTimestamp (4)
 * entryCount × (key | value of entrySize = 16…19 bytes)
 * packCount × (name length (1) | absolute name offset (4))
 * formatCount × (compression header id (4) | format version (1) | encryption key id (1))
 * pack names, then anything (ignored)
 * </pre>
 *
 * <p>Value: timestamp−base (4) | deleted bit + pack offset (4) | original length low 24 bits (3) | packed length low
 * 24 bits (3) | pack index low 16 bits (2) | [format index] | [pack index bits 16–23] | [high nibbles: original,
 * packed length bits 24–27]. Per-entry memory: keySize + entrySize bytes (33 to 36 in a default repository).
 */
public final class PackIndexV2 extends PackIndex {
    static final int HEADER_SIZE = 17;
    static final int PACK_RECORD_SIZE = 5;
    static final int FORMAT_RECORD_SIZE = 6;
    static final int MIN_ENTRY_SIZE = 16;
    static final int MAX_ENTRY_SIZE = 19;
    private static final int MAX_STRIDE = 256;

    private final int entrySize;
    private final long baseTimestamp;
    private final BlobId[] packs;
    private final int[] compressionHeaderIds;
    private final int[] formatVersions;
    private final int[] encryptionKeyIds;

    private PackIndexV2(BlobId blobId, byte[] data, int keySize, int entrySize, int entryCount, long baseTimestamp,
            BlobId[] packs, int[] compressionHeaderIds, int[] formatVersions, int[] encryptionKeyIds) {
        super(blobId, data, keySize, keySize + entrySize, HEADER_SIZE, entryCount);
        this.entrySize = entrySize;
        this.baseTimestamp = baseTimestamp;
        this.packs = packs;
        this.compressionHeaderIds = compressionHeaderIds;
        this.formatVersions = formatVersions;
        this.encryptionKeyIds = encryptionKeyIds;
    }

    static PackIndexV2 parseV2(BlobId blobId, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw corrupt(blobId, "truncated index v2 header (" + data.length + " bytes)");
        }
        int keySize = u8(data, 1);
        int entrySize = u16(data, 2);
        long entryCount = u32(data, 4);
        long packCount = u32(data, 8);
        int formatCount = u8(data, 12);
        long baseTimestamp = u32(data, 13);
        if (keySize < 2 || (entryCount > 0 && keySize > MAX_KEY_SIZE)) {
            throw corrupt(blobId, "invalid key size " + keySize);
        }
        if (entrySize < MIN_ENTRY_SIZE || entrySize > MAX_ENTRY_SIZE || keySize + entrySize > MAX_STRIDE) {
            throw corrupt(blobId, "invalid entry size " + entrySize);
        }
        long stride = keySize + entrySize;
        long packsOffset = HEADER_SIZE + entryCount * stride;
        long formatsOffset = packsOffset + packCount * PACK_RECORD_SIZE;
        long formatsEnd = formatsOffset + (long) formatCount * FORMAT_RECORD_SIZE;
        if (formatsEnd > data.length) {
            throw corrupt(blobId, "truncated: " + entryCount + " entries, " + packCount + " packs and " + formatCount
                    + " formats need " + formatsEnd + " bytes, the index has " + data.length);
        }
        BlobId[] packs = new BlobId[(int) packCount];
        for (int i = 0; i < packs.length; i++) {
            int record = (int) packsOffset + i * PACK_RECORD_SIZE;
            packs[i] = packName(blobId, data, u32(data, record + 1), u8(data, record), "pack record " + i);
        }
        int[] compression = new int[formatCount];
        int[] formatVersions = new int[formatCount];
        int[] keyIds = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            int record = (int) formatsOffset + i * FORMAT_RECORD_SIZE;
            long headerId = u32(data, record);
            if (headerId > Integer.MAX_VALUE) {
                throw corrupt(blobId, "format record " + i + " has an invalid compression header id " + headerId);
            }
            compression[i] = (int) headerId;
            formatVersions[i] = u8(data, record + 4);
            keyIds[i] = u8(data, record + 5);
        }
        var index = new PackIndexV2(blobId, data, keySize, entrySize, (int) entryCount, baseTimestamp, packs,
                compression, formatVersions, keyIds);
        index.checkKeys();
        index.checkReferences();
        return index;
    }

    private void checkReferences() {
        for (int i = 0; i < entryCount; i++) {
            int value = keyOffset(i) + keySize;
            int pack = packIndexOf(value);
            if (pack >= packs.length) {
                throw corrupt(blobId(), "entry " + i + " refers to pack " + pack + " of " + packs.length);
            }
            int format = formatIndexOf(value);
            if (format >= formatVersions.length) {
                throw corrupt(blobId(), "entry " + i + " refers to format " + format + " of " + formatVersions.length);
            }
        }
    }

    private int packIndexOf(int value) {
        int pack = u16(data, value + 14);
        if (entrySize > 17) {
            pack |= u8(data, value + 17) << 16;
        }
        return pack;
    }

    private int formatIndexOf(int value) {
        return entrySize > 16 ? u8(data, value + 16) : 0;
    }

    @Override
    public int version() {
        return 2;
    }

    /** Value bytes per entry (16 to 19). */
    public int entrySize() {
        return entrySize;
    }

    @Override
    public IndexEntry entryAt(int position) {
        int value = keyOffset(position) + keySize;
        long offsetAndFlags = u32(data, value + 4);
        long originalLength = u24(data, value + 8);
        long packedLength = u24(data, value + 11);
        if (entrySize > 18) {
            int high = u8(data, value + 18);
            originalLength |= (long) (high >>> 4) << 24;
            packedLength |= (long) (high & 0x0f) << 24;
        }
        int format = formatIndexOf(value);
        return new IndexEntry(
                contentIdAt(position),
                packs[packIndexOf(value)],
                offsetAndFlags & 0x7fff_ffffL,
                packedLength,
                originalLength,
                u32(data, value) + baseTimestamp,
                (offsetAndFlags & 0x8000_0000L) != 0,
                compressionHeaderIds[format],
                formatVersions[format],
                encryptionKeyIds[format],
                2);
    }
}
