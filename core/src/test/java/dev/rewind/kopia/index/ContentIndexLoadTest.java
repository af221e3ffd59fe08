package dev.rewind.kopia.index;

import static dev.rewind.kopia.index.TestEntries.id;
import static dev.rewind.kopia.index.TestEntries.v1;
import static dev.rewind.kopia.index.TestEntries.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContentIndexLoadTest {
    private static final String PACK = "p0000000000000000000000000000000a";
    private static final byte[] MAGIC = "ENC".getBytes(StandardCharsets.US_ASCII);

    /** A stand-in cipher: the stored bytes are "ENC" + name length + plaintext XOR 0x5a; tampering is detected. */
    static byte[] seal(BlobId id, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + 4];
        System.arraycopy(MAGIC, 0, out, 0, 3);
        out[3] = (byte) id.value().length();
        for (int i = 0; i < plaintext.length; i++) {
            out[i + 4] = (byte) (plaintext[i] ^ 0x5a);
        }
        return out;
    }

    static final IndexBlobDecryptor OPEN = (id, stored) -> {
        if (stored.length < 4 || stored[0] != 'E' || stored[1] != 'N' || stored[2] != 'C'
                || stored[3] != (byte) id.value().length()) {
            throw new RewindException(Reason.CORRUPT, "blob " + id + " does not authenticate");
        }
        byte[] out = new byte[stored.length - 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (stored[i + 4] ^ 0x5a);
        }
        return out;
    };

    /** Counts requests and can list blobs that are not (or no longer) there. */
    static final class RecordingStore implements BlobStore {
        final InMemoryBlobStore delegate;
        final List<String> lists = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final List<List<BlobMetadata>> phantoms = new ArrayList<>();
        int listings;

        RecordingStore(InMemoryBlobStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<BlobMetadata> find(BlobId id) {
            return delegate.find(id);
        }

        @Override
        public byte[] read(BlobId id, ByteRange range) {
            reads.incrementAndGet();
            return delegate.read(id, range);
        }

        @Override
        public synchronized Stream<BlobMetadata> list(String prefix) {
            lists.add(prefix);
            var out = new ArrayList<>(delegate.list(prefix).toList());
            if (listings < phantoms.size()) {
                phantoms.get(listings).stream().filter(b -> b.id().value().startsWith(prefix)).forEach(out::add);
            }
            listings++;
            return out.stream();
        }

        @Override
        public String describe() {
            return "recording:" + delegate.describe();
        }
    }

    private static void putIndex(InMemoryBlobStore store, BlobId id, byte[] plaintext) {
        store.put(id, seal(id, plaintext));
    }

    private static String hash(int n) {
        return String.format("%032x", n);
    }

    @Test
    void loadsEpochRepositoryReadingOnlySelectedBlobs() {
        var memory = new InMemoryBlobStore();
        for (int e = 1; e <= 4; e++) {
            memory.put(IndexBlobNames.epochMarker(e), IndexBlobNames.EPOCH_MARKER_BODY);
        }
        memory.put(IndexBlobNames.deletionWatermark(500), IndexBlobNames.WATERMARK_BODY);
        // epochs 0 and 1 compacted; their superseded uncompacted blobs are garbage and must not be read
        memory.put(IndexBlobNames.uncompacted(0, hash(1), "s1", 1), new byte[] {1, 2, 3});
        memory.put(IndexBlobNames.uncompacted(1, hash(2), "s2", 1), new byte[] {1, 2, 3});
        putIndex(memory, IndexBlobNames.singleEpochCompaction(0, hash(3), "s0000000000000003", 1),
                IndexV2Writer.write(List.of(v2(id('m', 1), PACK, 100, false), v2(id(1), PACK, 100, false))));
        putIndex(memory, IndexBlobNames.singleEpochCompaction(1, hash(4), "s0000000000000004", 1),
                IndexV2Writer.write(List.of(v2(id('m', 2), PACK, 200, false), v2(id(2), PACK, 400, true))));
        putIndex(memory, IndexBlobNames.uncompacted(3, hash(5), "s5", 1),
                IndexV2Writer.write(List.of(v2(id('m', 1), PACK, 600, true), v2(id(3), PACK, 700, true))));
        putIndex(memory, IndexBlobNames.uncompacted(5, hash(6), "s6", 1),
                IndexV1Writer.write(List.of(v1(id('m', 9), PACK, 0, 50, 800, false))));
        var store = new RecordingStore(memory);

        ContentIndex index = ContentIndex.load(store, OPEN, IndexLayout.EPOCH);

        assertThat(store.lists).containsExactly("x");
        assertThat(store.reads).hasValue(4);
        assertThat(index.indexBlobs()).hasSize(4);
        assertThat(index.deletionWatermarkAt()).contains(Instant.ofEpochSecond(500));
        assertThat(index.entries('m').map(IndexEntry::contentId)).containsExactly(id('m', 2), id('m', 9));
        assertThat(index.find(id(2))).isEmpty(); // deleted at 400 ≤ watermark 500
        assertThat(index.find(id(3)).orElseThrow().deleted()).isTrue(); // deleted after the watermark: readable
        assertThat(index.find(id('m', 1)).orElseThrow().deleted()).isTrue();
        assertThat(index.find(id(1)).orElseThrow().timestampSeconds()).isEqualTo(100);
    }

    @Test
    void loadsLegacyRepositoryWithCompactionLogAndPoisonBlob() {
        var memory = new InMemoryBlobStore();
        BlobId old1 = IndexBlobNames.legacyIndex(hash(1), "");
        BlobId old2 = IndexBlobNames.legacyIndex(hash(2), "s0011");
        BlobId compacted = IndexBlobNames.legacyIndex(hash(3), "");
        BlobId fresh = IndexBlobNames.legacyIndex(hash(4), "");
        memory.put(old1, new byte[] {9}); // superseded: never read
        memory.put(old2, new byte[] {9});
        putIndex(memory, compacted, IndexV1Writer.write(List.of(v1(id('m', 1), PACK, 0, 99, 10, false),
                v1(id(1), PACK, 99, 99, 10, false))));
        putIndex(memory, fresh, IndexV2Writer.write(List.of(v2(id(1), PACK, 20, true))));
        memory.put(LegacyIndexSelector.POISON_BLOB, new byte[] {0});
        BlobId log = IndexBlobNames.compactionLog(hash(5));
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        memory.put(log, seal(log, IndexBlobNames.compactionLogJson(
                List.of(new BlobMetadata(old1, 1, t), new BlobMetadata(old2, 1, t)),
                List.of(new BlobMetadata(compacted, 1, t)))));
        var store = new RecordingStore(memory);

        ContentIndex index = ContentIndex.load(store, OPEN, 1);

        assertThat(store.lists).containsExactlyInAnyOrder("n", "m");
        assertThat(store.reads).hasValue(3); // one log + two index blobs
        assertThat(index.indexBlobs()).extracting(PackIndex::blobId).containsExactlyInAnyOrder(compacted, fresh);
        assertThat(index.deletionWatermarkAt()).isEmpty();
        assertThat(index.entries().map(IndexEntry::contentId)).containsExactly(id('m', 1));
        assertThat(index.find(id(1)).orElseThrow().deleted()).isTrue();
    }

    @Test
    void missingSelectedBlobIsNotFoundNamingItAfterRetries() {
        var memory = new InMemoryBlobStore();
        putIndex(memory, IndexBlobNames.uncompacted(0, hash(1), "s1", 1),
                IndexV2Writer.write(List.of(v2(id(1), PACK, 1, false))));
        var store = new RecordingStore(memory);
        BlobMetadata ghost = new BlobMetadata(IndexBlobNames.uncompacted(0, hash(2), "s2", 1), 10, Instant.EPOCH);
        for (int i = 0; i < 3; i++) {
            store.phantoms.add(List.of(ghost));
        }

        assertThatThrownBy(() -> ContentIndex.load(store, OPEN, IndexLayout.EPOCH))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining(ghost.id().value())
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.NOT_FOUND))
                .hasCauseInstanceOf(BlobNotFoundException.class);
        assertThat(store.listings).isEqualTo(3);
    }

    @Test
    void blobVanishingDuringMaintenanceIsRetriedWithAFreshListing() {
        var memory = new InMemoryBlobStore();
        putIndex(memory, IndexBlobNames.uncompacted(0, hash(1), "s1", 1),
                IndexV2Writer.write(List.of(v2(id(1), PACK, 1, false))));
        var store = new RecordingStore(memory);
        store.phantoms.add(List.of(
                new BlobMetadata(IndexBlobNames.uncompacted(0, hash(2), "s2", 1), 10, Instant.EPOCH)));

        ContentIndex index = ContentIndex.load(store, OPEN, IndexLayout.EPOCH);

        assertThat(store.listings).isEqualTo(2);
        assertThat(index.find(id(1))).isPresent();
    }

    @Test
    void unreadableIndexBlobIsCorruptNamingIt() {
        var memory = new InMemoryBlobStore();
        BlobId bad = IndexBlobNames.uncompacted(0, hash(1), "s1", 1);
        memory.put(bad, new byte[] {1, 2, 3, 4, 5});

        assertThatThrownBy(() -> ContentIndex.load(memory, OPEN, IndexLayout.EPOCH))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining(bad.value())
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.CORRUPT));
    }

    @Test
    void truncatedIndexPlaintextIsCorruptNamingTheBlob() {
        var memory = new InMemoryBlobStore();
        BlobId truncated = IndexBlobNames.uncompacted(0, hash(1), "s1", 1);
        byte[] plaintext = IndexV2Writer.write(List.of(v2(id(1), PACK, 1, false), v2(id(2), PACK, 1, false)));
        putIndex(memory, truncated, java.util.Arrays.copyOf(plaintext, 40));

        assertThatThrownBy(() -> ContentIndex.load(memory, OPEN, IndexLayout.EPOCH))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("index blob " + truncated.value())
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.CORRUPT));
    }

    @Test
    void decryptorFailureOtherThanRewindExceptionIsCorruptNamingTheBlob() {
        var memory = new InMemoryBlobStore();
        BlobId blob = IndexBlobNames.uncompacted(0, hash(1), "s1", 1);
        putIndex(memory, blob, IndexV2Writer.write(List.of(v2(id(1), PACK, 1, false))));
        IndexBlobDecryptor broken = (id, stored) -> {
            throw new IllegalStateException("tag mismatch");
        };

        assertThatThrownBy(() -> ContentIndex.load(memory, broken, IndexLayout.EPOCH))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining(blob.value())
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.CORRUPT));
    }

    @Test
    void unsupportedFormatVersion() {
        assertThatThrownBy(() -> ContentIndex.load(new InMemoryBlobStore(), OPEN, 4))
                .isInstanceOf(RewindException.class)
                .satisfies(e -> assertThat(((RewindException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void readsManyBlobsInParallel() {
        var memory = new InMemoryBlobStore();
        for (int i = 0; i < 40; i++) {
            putIndex(memory, IndexBlobNames.uncompacted(0, hash(i), "s" + i, 1),
                    IndexV2Writer.write(List.of(v2(id(i), PACK, i, false))));
        }

        ContentIndex index = ContentIndex.load(memory, OPEN, IndexLayout.EPOCH);

        assertThat(index.entries()).hasSize(40);
    }
}
