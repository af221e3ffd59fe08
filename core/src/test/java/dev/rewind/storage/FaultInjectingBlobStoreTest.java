package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import org.junit.jupiter.api.Test;

/** The test double itself: failures run out, permanent failures do not, truncation looks like damage. */
class FaultInjectingBlobStoreTest {
    private final InMemoryBlobStore memory = new InMemoryBlobStore();
    private final FaultInjectingBlobStore store = new FaultInjectingBlobStore(memory);

    FaultInjectingBlobStoreTest() {
        memory.put("p1", new byte[] {1, 2, 3, 4, 5});
        memory.put("q1", new byte[] {9});
    }

    @Test
    void failsTheGivenNumberOfTimesForMatchingBlobsOnly() {
        store.failNext(2, StorageOperation.READ, "p1"::equals, () -> FaultInjectingBlobStore.slowDown("read"));

        assertThat(store.read(BlobId.of("q1"))).containsExactly(9);
        for (int i = 0; i < 2; i++) {
            var e = catchThrowableOfType(StorageException.class, () -> store.read(BlobId.of("p1")));
            assertThat(e.retryable()).isTrue();
        }
        assertThat(store.read(BlobId.of("p1"))).hasSize(5);
        assertThat(store.calls(StorageOperation.READ)).isEqualTo(4);
    }

    @Test
    void permanentFailuresNeverRunOut() {
        store.failAlways(StorageOperation.FIND, id -> true, () -> FaultInjectingBlobStore.accessDenied("bucket"));

        for (int i = 0; i < 5; i++) {
            var e = catchThrowableOfType(StorageException.class, () -> store.find(BlobId.of("p1")));
            assertThat(e.retryable()).isFalse();
        }
    }

    @Test
    void truncatedBlobsAreShorterAndRangesPastTheNewEndAreCorrupt() {
        store.truncate(BlobId.of("p1"), 3);

        assertThat(store.get(BlobId.of("p1")).lengthBytes()).isEqualTo(3);
        assertThat(store.read(BlobId.of("p1"))).containsExactly(1, 2, 3);
        var e = catchThrowableOfType(StorageException.class, () -> store.read(BlobId.of("p1"), ByteRange.of(2, 2)));
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains("p1");
    }
}
