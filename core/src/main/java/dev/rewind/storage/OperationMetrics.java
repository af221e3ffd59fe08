package dev.rewind.storage;

/**
 * Counters of one {@link StorageOperation}: requests started, requests that failed, and bytes transferred (blob
 * bytes returned by READ; zero for FIND and LIST), plus the number of blobs returned by LIST.
 */
public record OperationMetrics(long requests, long failures, long bytes, long blobsListed) {
    public static final OperationMetrics ZERO = new OperationMetrics(0, 0, 0, 0);

    public OperationMetrics {
        if (requests < 0 || failures < 0 || bytes < 0 || blobsListed < 0) {
            throw new IllegalArgumentException("negative counter");
        }
    }

    /** The sum of two counters, for aggregating several stores. */
    public OperationMetrics plus(OperationMetrics other) {
        return new OperationMetrics(requests + other.requests, failures + other.failures, bytes + other.bytes,
                blobsListed + other.blobsListed);
    }
}
