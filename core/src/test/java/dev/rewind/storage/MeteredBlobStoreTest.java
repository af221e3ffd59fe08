package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Counting by {@link MeteredBlobStore}. */
class MeteredBlobStoreTest {
    private final InMemoryBlobStore memory = new InMemoryBlobStore();

    MeteredBlobStoreTest() {
        memory.put("p1", new byte[10]);
        memory.put("p2", new byte[20]);
        memory.put("q1", new byte[30]);
    }

    @Test
    void countsRequestsFailuresBytesAndListedBlobsByOperation() {
        var store = new MeteredBlobStore(memory);

        store.find(BlobId.of("p1"));
        store.find(BlobId.of("nope"));
        store.read(BlobId.of("p2"));
        store.read(BlobId.of("q1"), ByteRange.of(5, 10));
        catchThrowable(() -> store.read(BlobId.of("nope")));
        catchThrowable(() -> store.read(BlobId.of("p1"), ByteRange.of(5, 10)));
        try (Stream<BlobMetadata> s = store.list("p")) {
            assertThat(s.count()).isEqualTo(2);
        }

        StorageMetrics m = store.metrics();
        assertThat(m.of(StorageOperation.FIND)).isEqualTo(new OperationMetrics(2, 0, 0, 0));
        assertThat(m.of(StorageOperation.READ)).isEqualTo(new OperationMetrics(4, 2, 30, 0));
        assertThat(m.of(StorageOperation.LIST)).isEqualTo(new OperationMetrics(1, 0, 0, 2));
        assertThat(m.totalRequests()).isEqualTo(7);
        assertThat(m.totalFailures()).isEqualTo(2);
    }

    @Test
    void countsReadsIntoABufferLikeOtherReads() {
        var store = new MeteredBlobStore(memory);
        byte[] buffer = new byte[32];

        assertThat(store.read(BlobId.of("q1"), ByteRange.of(0, 30), buffer)).isEqualTo(30);
        assertThat(catchThrowable(() -> store.read(BlobId.of("p1"), ByteRange.of(5, 10), buffer)))
                .isInstanceOf(StorageException.class);

        assertThat(store.metrics().of(StorageOperation.READ)).isEqualTo(new OperationMetrics(2, 1, 30, 0));
    }

    @Test
    void countsAListingThatFailsWhileIterating() {
        var faults = new FaultInjectingBlobStore(memory)
                .failListingsAfter(1, 1, p -> true, () -> FaultInjectingBlobStore.slowDown("list"));
        var store = new MeteredBlobStore(faults);

        catchThrowable(() -> {
            try (Stream<BlobMetadata> s = store.list("")) {
                s.count();
            }
        });

        assertThat(store.metrics().of(StorageOperation.LIST)).isEqualTo(new OperationMetrics(1, 1, 0, 1));
    }

    @Test
    void aConsumerFailureIsNotAStoreFailure() {
        var store = new MeteredBlobStore(memory);

        catchThrowable(() -> {
            try (Stream<BlobMetadata> s = store.list("")) {
                s.forEach(b -> {
                    throw new IllegalStateException("caller bug");
                });
            }
        });

        assertThat(store.metrics().of(StorageOperation.LIST).failures()).isZero();
    }

    @Test
    void snapshotsAreImmutableAndMetersCanBeShared() {
        var meter = new StorageMeter();
        var first = new MeteredBlobStore(memory, meter);
        var second = new MeteredBlobStore(new InMemoryBlobStore(), meter);

        first.read(BlobId.of("p1"));
        StorageMetrics before = meter.snapshot();
        second.find(BlobId.of("p1"));
        first.read(BlobId.of("p2"));

        assertThat(before.of(StorageOperation.READ)).isEqualTo(new OperationMetrics(1, 0, 10, 0));
        assertThat(before.of(StorageOperation.FIND)).isEqualTo(OperationMetrics.ZERO);
        assertThat(meter.snapshot().of(StorageOperation.READ)).isEqualTo(new OperationMetrics(2, 0, 30, 0));
        assertThat(meter.snapshot().of(StorageOperation.FIND).requests()).isEqualTo(1);
        assertThat(before.plus(meter.snapshot()).of(StorageOperation.READ).bytes()).isEqualTo(40);
    }

    @Test
    void countsExactlyUnderConcurrency() throws Exception {
        var store = new MeteredBlobStore(memory);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        store.read(BlobId.of("p1"));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.metrics().of(StorageOperation.READ)).isEqualTo(new OperationMetrics(8_000, 0, 80_000, 0));
    }
}
