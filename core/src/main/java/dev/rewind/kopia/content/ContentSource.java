package dev.rewind.kopia.content;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The port through which the object, manifest and snapshot layers read contents: the <em>plaintext</em> of one
 * content, i.e. after locating it in the merged index, reading its pack range, decrypting and decompressing it
 * (kopia-format.md §0, §4.7). Implementations sit on the index and pack readers; tests use an in-memory map.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #find} returns empty when no index entry (live or deleted) exists for the id. Like kopia, contents
 *       whose index entry is marked deleted are still served (kopia-format.md §11.5): snapshots may reference
 *       contents a concurrent maintenance run has just marked deleted.</li>
 *   <li>A content that exists but cannot be read intact (missing pack, failed authentication, bad compression
 *       frame, length mismatch) throws {@link RewindException} with {@link Reason#CORRUPT} naming the content.</li>
 *   <li>{@link #manifestContents()} streams the ids of all <em>live</em> (not deleted) contents with prefix
 *       {@code m} (kopia-format.md §6.1, appendix: skip deleted {@code m} contents). The caller closes the stream.</li>
 *   <li>Implementations are thread-safe; returned arrays belong to the caller, except the reused arrays of a
 *       {@link ContentBuffers}.</li>
 * </ul>
 */
public interface ContentSource {

    /** The plaintext bytes of content {@code id}, or empty when the repository has no such content. */
    Optional<byte[]> find(ContentId id);

    /** The plaintext bytes of content {@code id}; throws {@link Reason#NOT_FOUND} naming the content if absent. */
    default byte[] read(ContentId id) {
        return find(id).orElseThrow(() -> notInIndex(id));
    }

    /** The failure of reading a content the index does not know: NOT_FOUND naming it. */
    static RewindException notInIndex(ContentId id) {
        return new RewindException(Reason.NOT_FOUND, "content " + id + " is not in the repository index");
    }

    /**
     * The plaintext of content {@code id}, read with {@code buffers}' reusable arrays where the implementation can
     * (valid until the next read with them; see {@link ContentBuffers}). Same failures as {@link #read(ContentId)};
     * the default returns that array.
     */
    default ContentView read(ContentId id, ContentBuffers buffers) {
        return ContentView.of(read(id));
    }

    /**
     * The plaintext of several contents, in the order of {@code ids}. Implementations may batch the underlying reads
     * (one ranged read per pack instead of one per content); the default reads one by one. Meant for small contents
     * such as manifests: all results are held in memory.
     */
    default java.util.List<byte[]> readAll(java.util.List<ContentId> ids) {
        return ids.stream().map(this::read).toList();
    }

    /** The ids of all live manifest contents (prefix {@code m}), in no particular order. */
    Stream<ContentId> manifestContents();
}
