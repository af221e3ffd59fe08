package dev.rewind.storage;

import dev.rewind.error.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * A BlobStore held in memory, for tests. It also accepts writes ({@link #put}) so that fixture writers can build
 * repositories; the {@link BlobStore} port itself stays read-only.
 */
public final class InMemoryBlobStore implements BlobStore {
    private record Entry(byte[] bytes, Instant modifiedAt) {
    }

    private final Map<String, Entry> blobs = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    public void put(BlobId id, byte[] bytes) {
        blobs.put(id.value(), new Entry(bytes.clone(), clock.instant()));
    }

    public void put(String id, byte[] bytes) {
        put(BlobId.of(id), bytes);
    }

    public boolean delete(BlobId id) {
        return blobs.remove(id.value()) != null;
    }

    /** A copy of every blob, for tests that corrupt or copy a fixture. */
    public Map<BlobId, byte[]> snapshot() {
        var copy = new java.util.TreeMap<BlobId, byte[]>();
        blobs.forEach((k, v) -> copy.put(BlobId.of(k), v.bytes().clone()));
        return copy;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        Entry e = blobs.get(id.value());
        return e == null ? Optional.empty() : Optional.of(new BlobMetadata(id, e.bytes().length, e.modifiedAt()));
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        Entry e = blobs.get(id.value());
        if (e == null) {
            throw new BlobNotFoundException(id, describe());
        }
        byte[] b = e.bytes();
        long end = range.toEnd() ? b.length : range.offset() + range.length();
        if (range.offset() > b.length || end > b.length) {
            throw new StorageException(Reason.CORRUPT,
                    "blob " + id + " in " + describe() + " has " + b.length + " bytes, range " + range + " requested",
                    false);
        }
        byte[] out = new byte[(int) (end - range.offset())];
        System.arraycopy(b, (int) range.offset(), out, 0, out.length);
        return out;
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        var out = new ArrayList<BlobMetadata>();
        blobs.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.add(new BlobMetadata(BlobId.of(k), v.bytes().length, v.modifiedAt()));
            }
        });
        return out.stream();
    }

    @Override
    public String describe() {
        return "memory:" + Integer.toHexString(System.identityHashCode(this));
    }
}
