package dev.rewind.verify;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The length of every pack blob ({@code p…} and {@code q…}) of a repository, from ONE listing of each prefix — what
 * kopia's verifier calls the blob map (kopia-format.md §8). Compact: the ids are kept sorted as ASCII byte arrays
 * next to a {@code long[]} of lengths, about 100 bytes per pack. Immutable and thread-safe once built.
 */
final class PackLengths {
    private static final String[] PREFIXES = {"p", "q"};

    private final byte[][] ids;
    private final long[] lengths;

    private PackLengths(byte[][] ids, long[] lengths) {
        this.ids = ids;
        this.lengths = lengths;
    }

    static PackLengths list(BlobStore store) {
        byte[][] ids = new byte[1024][];
        long[] lengths = new long[1024];
        int n = 0;
        for (String prefix : PREFIXES) {
            try (Stream<BlobMetadata> blobs = store.list(prefix)) {
                var it = blobs.iterator();
                while (it.hasNext()) {
                    BlobMetadata blob = it.next();
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                        lengths = Arrays.copyOf(lengths, n * 2);
                    }
                    ids[n] = blob.id().value().getBytes(StandardCharsets.US_ASCII);
                    lengths[n] = blob.lengthBytes();
                    n++;
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        byte[][] unsorted = ids;
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(unsorted[a], unsorted[b]));
        byte[][] sortedIds = new byte[n][];
        long[] sortedLengths = new long[n];
        for (int i = 0; i < n; i++) {
            sortedIds[i] = ids[order[i]];
            sortedLengths[i] = lengths[order[i]];
        }
        return new PackLengths(sortedIds, sortedLengths);
    }

    /** The length of the pack, or empty when the listing did not contain it. */
    OptionalLong find(BlobId pack) {
        byte[] key = pack.value().getBytes(StandardCharsets.US_ASCII);
        int low = 0;
        int high = ids.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Arrays.compareUnsigned(ids[mid], key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return OptionalLong.of(lengths[mid]);
            }
        }
        return OptionalLong.empty();
    }

    int size() {
        return ids.length;
    }
}
