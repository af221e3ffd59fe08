package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlobStore} contract (see its Javadoc), run against every implementation by a subclass that supplies a
 * fresh, empty store per test and a test-side writer to seed it.
 *
 * <p>Blob ids follow kopia's naming (no {@code /}), so that sharded filesystem stores can hold them.
 */
public abstract class BlobStoreContractTest {
    static final String PACK_1 = "p80bffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d";
    static final String PACK_2 = "p80c0ffee0000000000000000000000000-sf7bc46f9e28f2be813d";
    static final String PACK_3 = "q1234567890abcdef1234567890abcdef-s0123456789abcdef13d";
    static final String INDEX = "xn0_4505d26f0123456789abcdef0123456-s0123456789abcdef-c1";

    private BlobStore store;

    /** A new store over an empty namespace (directory, bucket prefix, map). Called once per test. */
    protected abstract BlobStore createStore() throws Exception;

    /** Writes one blob into the namespace of the store returned by {@link #createStore()}. */
    protected abstract void put(String id, byte[] bytes) throws Exception;

    /** Writes many blobs; implementations may parallelise. */
    protected void putAll(Map<String, byte[]> blobs) throws Exception {
        for (var e : blobs.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    protected final BlobStore store() throws Exception {
        if (store == null) {
            store = createStore();
        }
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void findReturnsEmptyForMissingBlob() throws Exception {
        put(PACK_1, bytes(10, 1));

        assertThat(store().find(BlobId.of(PACK_2))).isEmpty();
        assertThat(store().find(BlobId.of("kopia.repository"))).isEmpty();
    }

    @Test
    void getAndReadOfMissingBlobThrowNotFoundNamingTheBlob() throws Exception {
        BlobId missing = BlobId.of(PACK_3);

        var onGet = catchThrowableOfType(BlobNotFoundException.class, () -> store().get(missing));
        var onRead = catchThrowableOfType(BlobNotFoundException.class, () -> store().read(missing));
        var onRange = catchThrowableOfType(BlobNotFoundException.class,
                () -> store().read(missing, ByteRange.of(2, 5)));

        for (var e : List.of(onGet, onRead, onRange)) {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.retryable()).isFalse();
            assertThat(e.blobId()).isEqualTo(missing);
            assertThat(e.getMessage()).contains(PACK_3).contains(store().describe());
        }
    }

    @Test
    void findReportsLengthAndModificationTime() throws Exception {
        put(PACK_1, bytes(1234, 2));
        put("kopia.repository", "{}".getBytes(StandardCharsets.UTF_8));

        BlobMetadata pack = store().get(BlobId.of(PACK_1));
        BlobMetadata format = store().find(BlobId.of("kopia.repository")).orElseThrow();

        assertThat(pack.id()).isEqualTo(BlobId.of(PACK_1));
        assertThat(pack.lengthBytes()).isEqualTo(1234);
        assertThat(pack.modifiedAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(format.lengthBytes()).isEqualTo(2);
    }

    @Test
    void readsWholeBlobs() throws Exception {
        byte[] content = bytes(70_000, 3);
        put(PACK_1, content);
        put("kopia.repository", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(store().read(BlobId.of(PACK_1))).isEqualTo(content);
        assertThat(store().read(BlobId.of(PACK_1), ByteRange.all())).isEqualTo(content);
        assertThat(new String(store().read(BlobId.of("kopia.repository")), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":1}");
    }

    @Test
    void emptyBlobHasLengthZeroAndOnlyEmptyRanges() throws Exception {
        put("xe0", new byte[0]);
        BlobId id = BlobId.of("xe0");

        assertThat(store().get(id).lengthBytes()).isZero();
        assertThat(store().read(id)).isEmpty();
        assertThat(store().read(id, ByteRange.of(0, 0))).isEmpty();
        assertThat(store().read(id, ByteRange.of(0, ByteRange.TO_END))).isEmpty();
        assertCorrupt(id, ByteRange.of(0, 1));
        assertCorrupt(id, ByteRange.of(1, ByteRange.TO_END));
    }

    @Test
    void readsRangesAtTheEdges() throws Exception {
        byte[] content = bytes(100, 4);
        put(PACK_1, content);
        BlobId id = BlobId.of(PACK_1);

        assertThat(store().read(id, ByteRange.of(0, 1))).containsExactly(content[0]);
        assertThat(store().read(id, ByteRange.of(0, 100))).isEqualTo(content);
        assertThat(store().read(id, ByteRange.of(99, 1))).containsExactly(content[99]);
        assertThat(store().read(id, ByteRange.of(10, 20))).isEqualTo(slice(content, 10, 30));
        assertThat(store().read(id, ByteRange.of(90, ByteRange.TO_END))).isEqualTo(slice(content, 90, 100));
        assertThat(store().read(id, ByteRange.of(99, ByteRange.TO_END))).containsExactly(content[99]);
        assertThat(store().read(id, ByteRange.of(100, 0))).isEmpty();
        assertThat(store().read(id, ByteRange.of(100, ByteRange.TO_END))).isEmpty();
        assertThat(store().read(id, ByteRange.of(50, 0))).isEmpty();
    }

    @Test
    void rangesPastTheEndAreCorruptNamingTheBlob() throws Exception {
        put(PACK_1, bytes(100, 5));
        BlobId id = BlobId.of(PACK_1);

        assertCorrupt(id, ByteRange.of(99, 2));
        assertCorrupt(id, ByteRange.of(0, 101));
        assertCorrupt(id, ByteRange.of(100, 1));
        assertCorrupt(id, ByteRange.of(101, 1));
        assertCorrupt(id, ByteRange.of(150, ByteRange.TO_END));
        assertCorrupt(id, ByteRange.of(101, 0));
    }

    @Test
    void readsRangesIntoAReusedBufferWithTheSameBytesAndFailures() throws Exception {
        byte[] content = bytes(600_000, 6);
        put(PACK_1, content);
        BlobId id = BlobId.of(PACK_1);
        byte[] buffer = new byte[content.length + 10];
        java.util.Arrays.fill(buffer, (byte) 0x5a);

        assertThat(store().read(id, ByteRange.of(0, content.length), buffer)).isEqualTo(content.length);
        assertThat(slice(buffer, 0, content.length)).isEqualTo(content);
        assertThat(slice(buffer, content.length, buffer.length)).containsOnly((byte) 0x5a);
        assertThat(store().read(id, ByteRange.of(299_990, 20), buffer)).isEqualTo(20);
        assertThat(slice(buffer, 0, 20)).isEqualTo(slice(content, 299_990, 300_010));
        assertThat(store().read(id, ByteRange.of(content.length, 0), buffer)).isZero();

        BlobStore s = store();
        var pastEnd = catchThrowableOfType(StorageException.class,
                () -> s.read(id, ByteRange.of(content.length - 1, 2), buffer));
        assertThat(pastEnd.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(pastEnd.getMessage()).contains(PACK_1);
        var missing = catchThrowableOfType(BlobNotFoundException.class,
                () -> s.read(BlobId.of(PACK_3), ByteRange.of(0, 1), buffer));
        assertThat(missing.blobId()).isEqualTo(BlobId.of(PACK_3));
        assertThatThrownBy(() -> s.read(id, ByteRange.of(0, buffer.length + 1), buffer))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.read(id, ByteRange.of(0, ByteRange.TO_END), buffer))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertCorrupt(BlobId id, ByteRange range) throws Exception {
        BlobStore s = store();
        var e = catchThrowableOfType(StorageException.class, () -> s.read(id, range));
        assertThat(e).as("read %s of %s", range, id).isNotNull();
        assertThat(e.reason()).as("reason for %s", range).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains(id.value());
    }

    @Test
    void listsExactlyTheBlobsWithThePrefix() throws Exception {
        var blobs = new LinkedHashMap<String, byte[]>();
        for (String id : List.of(PACK_1, PACK_2, PACK_3, INDEX, "kopia.repository", "kopia.blobcfg", "xe0", "xe1",
                "p8", "p80", "p80bffcc6f9943113ca6c15106a4a620d")) {
            blobs.put(id, bytes(id.length(), id.hashCode()));
        }
        putAll(blobs);

        assertThat(ids("")).containsExactlyInAnyOrderElementsOf(blobs.keySet());
        assertThat(ids("p")).containsExactlyInAnyOrder(PACK_1, PACK_2, "p8", "p80",
                "p80bffcc6f9943113ca6c15106a4a620d");
        assertThat(ids("p80")).containsExactlyInAnyOrder(PACK_1, PACK_2, "p80", "p80bffcc6f9943113ca6c15106a4a620d");
        assertThat(ids("p80b")).containsExactlyInAnyOrder(PACK_1, "p80bffcc6f9943113ca6c15106a4a620d");
        assertThat(ids(PACK_1)).containsExactly(PACK_1);
        assertThat(ids("x")).containsExactlyInAnyOrder(INDEX, "xe0", "xe1");
        assertThat(ids("xn0_")).containsExactly(INDEX);
        assertThat(ids("kopia.")).containsExactlyInAnyOrder("kopia.repository", "kopia.blobcfg");
        assertThat(ids("q1234567890abcdef1234567890abcdef-s0123456789abcdef13d0")).isEmpty();
        assertThat(ids("z")).isEmpty();
        try (Stream<BlobMetadata> s = store().list("xe")) {
            assertThat(s.collect(Collectors.toMap(m -> m.id().value(), BlobMetadata::lengthBytes)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("xe0", 3L, "xe1", 3L));
        }
    }

    @Test
    void listsMoreThanOneThousandBlobsUnderAPrefix() throws Exception {
        var blobs = new LinkedHashMap<String, byte[]>();
        var hex = HexFormat.of();
        var random = new SplittableRandom(6);
        for (int i = 0; i < 1_100; i++) {
            byte[] name = new byte[16];
            random.nextBytes(name);
            blobs.put("p" + hex.formatHex(name) + "-s0123456789abcdef13d", new byte[] {(byte) i});
        }
        blobs.put("q00000000000000000000000000000000-s0123456789abcdef13d", new byte[] {1});
        blobs.put("kopia.repository", new byte[] {2});
        putAll(blobs);

        List<String> listed = ids("p");

        assertThat(listed).hasSize(1_100).doesNotHaveDuplicates();
        assertThat(Set.copyOf(listed)).isEqualTo(blobs.keySet().stream().filter(k -> k.startsWith("p"))
                .collect(Collectors.toSet()));
    }

    @Test
    void closingAListingEarlyIsFine() throws Exception {
        var blobs = new LinkedHashMap<String, byte[]>();
        for (int i = 0; i < 30; i++) {
            blobs.put(String.format("p%032x-s0123456789abcdef13d", i), new byte[] {(byte) i});
        }
        putAll(blobs);

        try (Stream<BlobMetadata> s = store().list("p")) {
            assertThat(s.limit(3).count()).isEqualTo(3);
        }
        assertThat(ids("p")).hasSize(30);
    }

    @Test
    void servesConcurrentReadsFromSeveralThreads() throws Exception {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            blobs.put(String.format("p%032x-s0123456789abcdef13d", i), bytes(4096 + i, i));
        }
        putAll(blobs);
        BlobStore s = store();
        List<String> ids = new ArrayList<>(blobs.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Integer>>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                tasks.add(() -> {
                    var random = new SplittableRandom(seed);
                    int checked = 0;
                    for (int i = 0; i < 25; i++) {
                        String id = ids.get(random.nextInt(ids.size()));
                        byte[] whole = blobs.get(id);
                        int offset = random.nextInt(whole.length);
                        int length = random.nextInt(whole.length - offset + 1);
                        byte[] read = s.read(BlobId.of(id), ByteRange.of(offset, length));
                        if (!java.util.Arrays.equals(read, slice(whole, offset, offset + length))) {
                            throw new AssertionError("wrong bytes for " + id + " at " + offset + "+" + length);
                        }
                        checked++;
                    }
                    return checked;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retryingDecoratorRidesOutInjected503s() throws Exception {
        byte[] content = bytes(500, 7);
        put(PACK_1, content);
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        var sleeper = new RecordingSleeper(clock);
        var faults = new FaultInjectingBlobStore(store())
                .failNext(2, StorageOperation.READ, PACK_1::equals, () -> FaultInjectingBlobStore.slowDown("read"))
                .failNext(1, StorageOperation.LIST, "p"::equals, () -> FaultInjectingBlobStore.slowDown("list"));
        var retrying = new RetryingBlobStore(faults, RetryPolicy.DEFAULT, clock, sleeper, new SplittableRandom(1));

        assertThat(retrying.read(BlobId.of(PACK_1), ByteRange.of(100, 50))).isEqualTo(slice(content, 100, 150));
        try (Stream<BlobMetadata> listing = retrying.list("p")) {
            assertThat(listing.map(m -> m.id().value()).toList()).containsExactly(PACK_1);
        }

        assertThat(faults.calls(StorageOperation.READ)).isEqualTo(3);
        assertThat(faults.calls(StorageOperation.LIST)).isEqualTo(2);
        assertThat(sleeper.sleeps()).hasSize(3).allSatisfy(d -> assertThat(d).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void describesItselfWithoutBeingEmpty() throws Exception {
        assertThat(store().describe()).isNotBlank();
    }

    protected final List<String> ids(String prefix) throws Exception {
        try (Stream<BlobMetadata> s = store().list(prefix)) {
            return s.map(m -> m.id().value()).toList();
        }
    }

    protected static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
