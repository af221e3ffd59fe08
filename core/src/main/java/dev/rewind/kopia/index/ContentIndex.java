package dev.rewind.kopia.index;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The merged content index of a Kopia repository: every active index blob, consulted together with kopia's
 * precedence (kopia-format.md §4.7, §5.4; kopia: repo/content/index/merged.go,
 * repo/content/committed_content_index.go).
 *
 * <ul>
 *   <li>For one content ID the winner is the entry with the newest timestamp; on a tie a live entry beats a deletion
 *       marker; on a further tie the greater pack blob ID wins ({@link IndexEntry#supersedes}).</li>
 *   <li>{@link #find}: a winning deletion marker written at or before the deletion watermark counts as nonexistent;
 *       one written after it is returned (with {@code deleted = true}) — kopia still serves its data.</li>
 *   <li>{@link #entries()}/{@link #entries(char)} list only live winners, in content-ID key order.</li>
 * </ul>
 *
 * <p>Memory: the index blobs stay as their decrypted byte arrays ({@link PackIndex}); a lookup is one binary search
 * per index blob. Per entry that is the record size of its index format — 33 bytes for a default index v2 entry,
 * 37 bytes for v1 — and nothing per entry besides. A content present in k index blobs costs k records.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContentIndex {
    private static final int LOAD_ATTEMPTS = 3;
    private static final int PARALLEL_READS = 8;

    private final List<PackIndex> indexes;
    private final Optional<Instant> deletionWatermarkAt;
    private final long watermarkSeconds;

    private ContentIndex(List<PackIndex> indexes, Optional<Instant> deletionWatermarkAt) {
        this.indexes = List.copyOf(indexes);
        this.deletionWatermarkAt = Objects.requireNonNull(deletionWatermarkAt, "deletionWatermarkAt");
        this.watermarkSeconds = deletionWatermarkAt.map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
    }

    /** A merged view of already parsed index blobs. */
    public static ContentIndex of(List<PackIndex> indexes, Optional<Instant> deletionWatermarkAt) {
        return new ContentIndex(indexes, deletionWatermarkAt);
    }

    /**
     * Lists, selects, reads, decrypts, parses and merges the index of the repository in {@code store}
     * (kopia-format.md §5.5/§5.6). Requests: one LIST of {@code x} (epoch layout) or one LIST each of {@code n} and
     * {@code m} plus one GET per compaction log (legacy layout), then one GET per selected index blob (up to 8 in
     * parallel).
     *
     * <p>Like kopia, when a selected blob disappears between listing and reading (maintenance superseded it), the
     * whole selection is redone, up to 3 attempts in all; then the failure is {@code NOT_FOUND} naming the blob. A
     * blob that does not decrypt or parse is {@code CORRUPT} naming it. The index is never silently partial.
     */
    public static ContentIndex load(BlobStore store, IndexBlobDecryptor decryptor, IndexLayout layout) {
        Objects.requireNonNull(decryptor, "decryptor");
        BlobNotFoundException lastMissing = null;
        for (int attempt = 0; attempt < LOAD_ATTEMPTS; attempt++) {
            IndexBlobSelection selection = select(store, decryptor, layout);
            try {
                return new ContentIndex(readAll(store, decryptor, selection.indexBlobs()),
                        selection.deletionWatermarkAt());
            } catch (BlobNotFoundException e) {
                lastMissing = e;
            }
        }
        throw new RewindException(Reason.NOT_FOUND, "index blob " + lastMissing.blobId() + " selected from "
                + store.describe() + " is missing (" + LOAD_ATTEMPTS + " attempts)",
                "the repository may be under maintenance or damaged; retry, then run kopia maintenance", lastMissing);
    }

    /** {@link #load(BlobStore, IndexBlobDecryptor, IndexLayout)} with the layout of repository format version. */
    public static ContentIndex load(BlobStore store, IndexBlobDecryptor decryptor, int formatVersion) {
        return load(store, decryptor, IndexLayout.forFormatVersion(formatVersion));
    }

    /** Lists the store and selects the active index blobs, without reading them (legacy: reads compaction logs). */
    public static IndexBlobSelection select(BlobStore store, IndexBlobDecryptor decryptor, IndexLayout layout) {
        return switch (layout) {
            case EPOCH -> EpochIndexSelector.select(list(store, "x"));
            case LEGACY -> LegacyIndexSelector.select(list(store, "n"), compactionLogs(store, decryptor));
        };
    }

    private static List<BlobMetadata> list(BlobStore store, String prefix) {
        try (Stream<BlobMetadata> blobs = store.list(prefix)) {
            return blobs.toList();
        }
    }

    private static List<CompactionLog> compactionLogs(BlobStore store, IndexBlobDecryptor decryptor) {
        var logs = new ArrayList<CompactionLog>();
        for (BlobMetadata blob : list(store, "m")) {
            byte[] stored;
            try {
                stored = store.read(blob.id());
            } catch (BlobNotFoundException e) {
                continue; // deleted since the listing, as kopia tolerates
            }
            logs.add(CompactionLog.parse(blob.id(), decrypt(decryptor, blob.id(), stored)));
        }
        return logs;
    }

    private static List<PackIndex> readAll(BlobStore store, IndexBlobDecryptor decryptor, List<BlobMetadata> blobs) {
        var permits = new Semaphore(PARALLEL_READS);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<PackIndex>>();
            for (BlobMetadata blob : blobs) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        BlobId id = blob.id();
                        return PackIndex.parse(id, decrypt(decryptor, id, store.read(id)));
                    } finally {
                        permits.release();
                    }
                }));
            }
            try {
                var out = new ArrayList<PackIndex>(futures.size());
                for (Future<PackIndex> future : futures) {
                    out.add(future.get());
                }
                return out;
            } finally {
                futures.forEach(f -> f.cancel(true)); // no-op for completed reads; stops the rest after a failure
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewindException(Reason.INTERRUPTED, "interrupted while reading index blobs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RewindException(Reason.INTERNAL, "reading index blobs failed: " + e.getCause(), e.getCause());
        }
    }

    private static byte[] decrypt(IndexBlobDecryptor decryptor, BlobId id, byte[] stored) {
        try {
            return decryptor.decrypt(id, stored);
        } catch (RewindException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RewindException(Reason.CORRUPT, "index blob " + id + " could not be decrypted", e);
        }
    }

    /** The parsed index blobs, in selection order. */
    public List<PackIndex> indexBlobs() {
        return indexes;
    }

    /** Deleted entries written at or before this instant count as nonexistent; empty when there is no watermark. */
    public Optional<Instant> deletionWatermarkAt() {
        return deletionWatermarkAt;
    }

    /** Sum of the entry counts of all index blobs (a content in several blobs counts several times). */
    public long recordCount() {
        return indexes.stream().mapToLong(PackIndex::entryCount).sum();
    }

    /**
     * The winning entry of {@code id}, or empty when no index has it or the winner is a deletion marker at or before
     * the watermark. A deletion marker newer than the watermark is returned (its data is still readable).
     */
    public Optional<IndexEntry> find(ContentId id) {
        byte[] key = id.indexKey();
        IndexEntry winner = null;
        for (PackIndex index : indexes) {
            int position = index.lowerBound(key);
            if (position < index.entryCount() && index.compareKeyAt(position, key) == 0) {
                IndexEntry candidate = index.entryAt(position);
                if (winner == null || candidate.supersedes(winner)) {
                    winner = candidate;
                }
            }
        }
        if (winner == null || hiddenByWatermark(winner)) {
            return Optional.empty();
        }
        return Optional.of(winner);
    }

    /** Like {@link #find} but throws {@code NOT_FOUND} naming the content when it is absent. */
    public IndexEntry get(ContentId id) {
        return find(id).orElseThrow(() -> new RewindException(Reason.NOT_FOUND, "content " + id
                + " is not in the index"));
    }

    /** Every live content (winner not deleted), in key order: non-prefixed IDs first, then by prefix letter. */
    public Stream<IndexEntry> entries() {
        return stream(position -> true, entry -> !entry.deleted());
    }

    /**
     * Every live content whose ID has prefix letter {@code contentIdPrefix} ({@code 'm'} manifests, {@code 'k'}
     * directories, {@code 'x'} indirect objects), or no prefix when {@code contentIdPrefix} is {@code 0}.
     */
    public Stream<IndexEntry> entries(char contentIdPrefix) {
        if (contentIdPrefix != 0 && (contentIdPrefix < 'g' || contentIdPrefix > 'z')) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid content id prefix '" + contentIdPrefix + "'");
        }
        return stream(prefixByte -> prefixByte == contentIdPrefix, entry -> !entry.deleted());
    }

    /**
     * Every winner including deletion markers newer than the watermark (kopia's listing with
     * {@code IncludeDeleted}), in key order.
     */
    public Stream<IndexEntry> entriesIncludingDeleted() {
        return stream(position -> true, entry -> !hiddenByWatermark(entry));
    }

    private boolean hiddenByWatermark(IndexEntry entry) {
        return entry.deleted() && entry.timestampSeconds() <= watermarkSeconds;
    }

    private Stream<IndexEntry> stream(IntPredicate prefixByte, Predicate<IndexEntry> keep) {
        var iterator = new MergeIterator(prefixByte);
        Iterator<IndexEntry> filtered = new Iterator<>() {
            private IndexEntry next = advance();

            private IndexEntry advance() {
                while (iterator.hasNext()) {
                    IndexEntry candidate = iterator.next();
                    if (keep.test(candidate)) {
                        return candidate;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IndexEntry out = next;
                next = advance();
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(filtered,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT | Spliterator.IMMUTABLE), false);
    }

    /** A position inside one index blob during a k-way merge. */
    private static final class Cursor {
        final PackIndex index;
        int position;

        Cursor(PackIndex index, int position) {
            this.index = index;
            this.position = position;
        }
    }

    /** K-way merge over all index blobs yielding the winner of each content ID whose prefix byte matches. */
    private final class MergeIterator implements Iterator<IndexEntry> {
        private final IntPredicate prefixByte;
        private final PriorityQueue<Cursor> heap = new PriorityQueue<>(
                (a, b) -> a.index.compareKeys(a.position, b.index, b.position));

        MergeIterator(IntPredicate prefixByte) {
            this.prefixByte = prefixByte;
            for (PackIndex index : indexes) {
                var cursor = new Cursor(index, firstMatching(index, 0));
                if (valid(cursor)) {
                    heap.add(cursor);
                }
            }
        }

        private boolean valid(Cursor cursor) {
            return cursor.position < cursor.index.entryCount()
                    && prefixByte.test(cursor.index.prefixByteAt(cursor.position));
        }

        @Override
        public boolean hasNext() {
            return !heap.isEmpty();
        }

        @Override
        public IndexEntry next() {
            Cursor first = heap.poll();
            if (first == null) {
                throw new NoSuchElementException();
            }
            IndexEntry winner = first.index.entryAt(first.position);
            var sameKey = new ArrayList<Cursor>();
            sameKey.add(first);
            while (!heap.isEmpty()
                    && heap.peek().index.compareKeys(heap.peek().position, first.index, first.position) == 0) {
                Cursor other = heap.poll();
                IndexEntry candidate = other.index.entryAt(other.position);
                if (candidate.supersedes(winner)) {
                    winner = candidate;
                }
                sameKey.add(other);
            }
            for (Cursor cursor : sameKey) {
                cursor.position++;
                if (!valid(cursor)) {
                    cursor.position = firstMatching(cursor.index, cursor.position);
                }
                if (cursor.position < cursor.index.entryCount()) {
                    heap.add(cursor);
                }
            }
            return winner;
        }

        private int firstMatching(PackIndex index, int from) {
            int position = from;
            while (position < index.entryCount() && !prefixByte.test(index.prefixByteAt(position))) {
                // jump to the first key of the next prefix byte
                int next = index.prefixByteAt(position) + 1;
                if (next > 0xff) {
                    return index.entryCount();
                }
                position = index.lowerBound(new byte[] {(byte) next});
            }
            return position;
        }
    }
}
