package dev.rewind.storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a {@link StorageMeter}: counters per {@link StorageOperation}. Every operation has an
 * entry (zero when unused).
 */
public record StorageMetrics(Map<StorageOperation, OperationMetrics> byOperation) {
    public StorageMetrics {
        Objects.requireNonNull(byOperation, "byOperation");
        var complete = new EnumMap<StorageOperation, OperationMetrics>(StorageOperation.class);
        for (StorageOperation op : StorageOperation.values()) {
            complete.put(op, byOperation.getOrDefault(op, OperationMetrics.ZERO));
        }
        byOperation = Map.copyOf(complete);
    }

    public static StorageMetrics empty() {
        return new StorageMetrics(Map.of());
    }

    public OperationMetrics of(StorageOperation operation) {
        return byOperation.get(operation);
    }

    public long totalRequests() {
        return byOperation.values().stream().mapToLong(OperationMetrics::requests).sum();
    }

    public long totalFailures() {
        return byOperation.values().stream().mapToLong(OperationMetrics::failures).sum();
    }

    /** Operation-wise sum, for aggregating several stores. */
    public StorageMetrics plus(StorageMetrics other) {
        var sum = new EnumMap<StorageOperation, OperationMetrics>(StorageOperation.class);
        for (StorageOperation op : StorageOperation.values()) {
            sum.put(op, of(op).plus(other.of(op)));
        }
        return new StorageMetrics(sum);
    }
}
