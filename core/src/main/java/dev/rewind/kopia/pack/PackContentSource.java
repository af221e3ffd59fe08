package dev.rewind.kopia.pack;

import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.ContentView;
import dev.rewind.kopia.content.ContentSource;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.compression.CompressorName;
import dev.rewind.kopia.compression.Decompressors;
import dev.rewind.kopia.crypto.ContentCipher;
import dev.rewind.kopia.crypto.ContentCrypto;
import dev.rewind.kopia.index.ContentIndex;
import dev.rewind.kopia.index.IndexEntry;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.BlobId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads contents from pack blobs (kopia-format.md §4.7): merged index entry → one ranged read of
 * {@code packedLength} bytes at {@code packOffset} in the pack blob → decrypt (IV = last 16 bytes of the content
 * hash) → strip the compression header and decompress when the entry records a compressor.
 *
 * <p>A content whose pack is missing, shorter than the index says, fails authentication or does not decompress to
 * its recorded length is reported as {@link Reason#CORRUPT} naming the content and the pack: never a wrong answer.
 * Entries with a non-zero encryption key id are {@link Reason#UNSUPPORTED}. Thread-safe; memory per call is one
 * content's stored, decrypted and decompressed bytes, in arrays of its own or in the caller's {@link ContentBuffers}.
 */
public final class PackContentSource implements ContentSource {
    /** Largest gap between two contents of one pack that {@link #readAll} still reads in one request. */
    public static final long COALESCE_GAP_BYTES = 1 << 20;
    private static final long MAX_COALESCED_BYTES = 64L << 20;

    private final BlobStore store;
    private final ContentIndex index;
    private final ContentCrypto crypto;

    public PackContentSource(BlobStore store, ContentIndex index, ContentCrypto crypto) {
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    @Override
    public Optional<byte[]> find(ContentId id) {
        return index.find(id).map(this::read);
    }

    /** Reads, decrypts and decompresses the content an index entry points at. */
    public byte[] read(IndexEntry entry) {
        return decode(entry, readPacked(entry));
    }

    /**
     * The content an index entry points at, read, decrypted and (when compressed) decompressed with {@code buffers}'
     * reusable arrays (valid until the next read with {@code buffers}). A content gets arrays of its own when it
     * does not {@linkplain ContentBuffers#fits fit} them, and its decompressed bytes do when its format cannot decode
     * into a given array (all but zstd) or the index does not record its length. Same failures as
     * {@link #read(IndexEntry)}.
     */
    public ContentView read(IndexEntry entry, ContentBuffers buffers) {
        if (!ContentBuffers.fits(entry.packedLengthBytes())) {
            return ContentView.of(read(entry)); // the store checks the pack's length before allocating
        }
        int storedLength = (int) entry.packedLengthBytes();
        byte[] stored = buffers.stored(storedLength);
        fromPack(entry, range -> store.read(entry.packBlobId(), range, stored));
        ContentId id = entry.contentId();
        String subject = subject(entry);
        byte[] plain = buffers.plain(Math.max(0, storedLength - ContentCipher.OVERHEAD_BYTES));
        int plainLength = crypto.decrypt(stored, storedLength, id.iv(), subject, plain);
        long originalLength = entry.hasOriginalLength() ? entry.originalLengthBytes() : Decompressors.UNKNOWN_LENGTH;
        if (entry.compressionHeaderId() == CompressorName.UNCOMPRESSED_HEADER_ID) {
            Decompressors.checkUncompressedLength(subject, plainLength, originalLength);
            return new ContentView(plain, plainLength);
        }
        byte[] decoded = Decompressors.decompress(subject, plain, plainLength, entry.compressionHeaderId(),
                originalLength, ContentBuffers.fits(originalLength) ? buffers::decompressed : byte[]::new);
        return new ContentView(decoded, originalLength == Decompressors.UNKNOWN_LENGTH ? decoded.length
                : (int) originalLength);
    }

    @Override
    public ContentView read(ContentId id, ContentBuffers buffers) {
        return read(index.find(id).orElseThrow(() -> ContentSource.notInIndex(id)), buffers);
    }

    /**
     * The stored (still encrypted) bytes of one content, after checking that the pack holds them. Used by
     * verification, which proves a pack range exists without paying for decryption.
     */
    public byte[] readPacked(IndexEntry entry) {
        return fromPack(entry, range -> store.read(entry.packBlobId(), range));
    }

    /** Reads the entry's range of its pack; a missing pack is CORRUPT, a non-zero key id UNSUPPORTED. */
    private <T> T fromPack(IndexEntry entry, Function<ByteRange, T> read) {
        ContentId id = entry.contentId();
        if (entry.encryptionKeyId() != 0) {
            throw new RewindException(Reason.UNSUPPORTED,
                    "content " + id + " uses encryption key id " + entry.encryptionKeyId() + "; only key 0 is supported");
        }
        try {
            return read.apply(ByteRange.of(entry.packOffset(), entry.packedLengthBytes()));
        } catch (BlobNotFoundException e) {
            throw new RewindException(Reason.CORRUPT,
                    "pack blob " + entry.packBlobId() + " holding content " + id + " is missing from "
                            + store.describe(), e);
        }
    }

    /** Decrypts and decompresses the stored bytes of a content read with {@link #readPacked}. */
    public byte[] decode(IndexEntry entry, byte[] packed) {
        String subject = subject(entry);
        byte[] plaintext = crypto.decrypt(packed, entry.contentId().iv(), subject);
        return Decompressors.decompress(subject, plaintext, entry.compressionHeaderId(),
                entry.hasOriginalLength() ? entry.originalLengthBytes() : Decompressors.UNKNOWN_LENGTH);
    }

    private static String subject(IndexEntry entry) {
        return "content " + entry.contentId() + " in pack " + entry.packBlobId();
    }

    /**
     * Reads the contents with one ranged read per pack and run of nearby contents (gaps up to
     * {@link #COALESCE_GAP_BYTES}), instead of one read per content: listing 2,000 snapshots costs one request per
     * manifest pack, not per manifest content.
     */
    @Override
    public List<byte[]> readAll(List<ContentId> ids) {
        Map<ContentId, IndexEntry> entries = new HashMap<>();
        for (ContentId id : ids) {
            entries.put(id, index.find(id).orElseThrow(() -> ContentSource.notInIndex(id)));
        }
        Map<ContentId, byte[]> decoded = new HashMap<>();
        Map<BlobId, List<IndexEntry>> byPack = new TreeMap<>();
        entries.values().forEach(e -> byPack.computeIfAbsent(e.packBlobId(), k -> new ArrayList<>()).add(e));
        for (List<IndexEntry> inPack : byPack.values()) {
            inPack.sort(Comparator.comparingLong(IndexEntry::packOffset));
            int start = 0;
            while (start < inPack.size()) {
                int end = start + 1;
                while (end < inPack.size() && inPack.get(end).packOffset() - endOf(inPack.get(end - 1))
                        <= COALESCE_GAP_BYTES && endOf(inPack.get(end)) - inPack.get(start).packOffset()
                        <= MAX_COALESCED_BYTES) {
                    end++;
                }
                readSpan(inPack.subList(start, end), decoded);
                start = end;
            }
        }
        return ids.stream().map(decoded::get).toList();
    }

    private void readSpan(List<IndexEntry> span, Map<ContentId, byte[]> decoded) {
        if (span.size() == 1) {
            decoded.put(span.get(0).contentId(), read(span.get(0)));
            return;
        }
        IndexEntry first = span.get(0);
        long from = first.packOffset();
        long to = span.stream().mapToLong(PackContentSource::endOf).max().orElseThrow();
        byte[] bytes;
        try {
            bytes = store.read(first.packBlobId(), ByteRange.of(from, to - from));
        } catch (BlobNotFoundException e) {
            throw new RewindException(Reason.CORRUPT, "pack blob " + first.packBlobId() + " holding content "
                    + first.contentId() + " is missing from " + store.describe(), e);
        }
        for (IndexEntry e : span) {
            int offset = (int) (e.packOffset() - from);
            decoded.put(e.contentId(), decode(e, Arrays.copyOfRange(bytes, offset,
                    offset + (int) e.packedLengthBytes())));
        }
    }

    private static long endOf(IndexEntry e) {
        return e.packOffset() + e.packedLengthBytes();
    }

    @Override
    public Stream<ContentId> manifestContents() {
        return index.entries('m').map(IndexEntry::contentId);
    }

    /** The merged index this source reads through. */
    public ContentIndex index() {
        return index;
    }
}
