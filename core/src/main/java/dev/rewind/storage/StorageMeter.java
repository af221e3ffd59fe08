package dev.rewind.storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters fed by {@link MeteredBlobStore}. Several stores may share one meter (e.g. one per
 * repository in the server); {@link #snapshot()} gives an immutable {@link StorageMetrics} at any time.
 */
public final class StorageMeter {
    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder blobsListed = new LongAdder();
    }

    private final Map<StorageOperation, Counters> counters = new EnumMap<>(StorageOperation.class);

    public StorageMeter() {
        for (StorageOperation op : StorageOperation.values()) {
            counters.put(op, new Counters());
        }
    }

    void request(StorageOperation op) {
        counters.get(op).requests.increment();
    }

    void failure(StorageOperation op) {
        counters.get(op).failures.increment();
    }

    void bytes(StorageOperation op, long count) {
        counters.get(op).bytes.add(count);
    }

    void blobListed() {
        counters.get(StorageOperation.LIST).blobsListed.increment();
    }

    /** The counters now. Concurrent updates may or may not be included. */
    public StorageMetrics snapshot() {
        var map = new EnumMap<StorageOperation, OperationMetrics>(StorageOperation.class);
        counters.forEach((op, c) -> map.put(op,
                new OperationMetrics(c.requests.sum(), c.failures.sum(), c.bytes.sum(), c.blobsListed.sum())));
        return new StorageMetrics(map);
    }
}
