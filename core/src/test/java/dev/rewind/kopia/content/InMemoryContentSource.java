package dev.rewind.kopia.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A {@link ContentSource} held in a map, for tests. Content ids are derived like kopia's (a hash of the plaintext,
 * here the first 16 bytes of SHA-256) so that fixtures look real. Manifest contents can be marked deleted to
 * exercise the "skip deleted m contents" rule. It counts reads so that tests can prove streaming behaviour.
 */
public final class InMemoryContentSource implements ContentSource {
    private final Map<ContentId, byte[]> contents = new ConcurrentSkipListMap<>();
    private final Set<ContentId> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();

    /** Stores {@code data} under an id computed from it with the given prefix ({@code 0} for none). */
    public ContentId put(char prefix, byte[] data) {
        ContentId id = new ContentId(prefix, Arrays.copyOf(sha256(data), 16));
        contents.put(id, data.clone());
        return id;
    }

    /** Stores {@code data} under an explicit id (to build mismatching or hand-named fixtures). */
    public void put(ContentId id, byte[] data) {
        contents.put(id, data.clone());
    }

    /** Marks a content deleted in the index: still readable, but no longer listed as a live manifest content. */
    public void markDeleted(ContentId id) {
        deleted.add(id);
    }

    public long reads() {
        return reads.get();
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    @Override
    public Optional<byte[]> find(ContentId id) {
        byte[] data = contents.get(id);
        if (data == null) {
            return Optional.empty();
        }
        reads.incrementAndGet();
        bytesServed.addAndGet(data.length);
        return Optional.of(data.clone());
    }

    @Override
    public Stream<ContentId> manifestContents() {
        return contents.keySet().stream().filter(id -> id.prefix() == 'm' && !deleted.contains(id));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
