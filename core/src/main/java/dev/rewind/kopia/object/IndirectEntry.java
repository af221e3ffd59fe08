package dev.rewind.kopia.object;

import java.util.Objects;

/**
 * One entry of a {@code kopia:indirect} seek table (kopia-format.md §7.3): bytes {@code [offset, offset+length)} of
 * the indirect object are the whole of {@code object}.
 *
 * @param offset where the entry starts inside the indirect object ({@code "s"}, omitted when 0)
 * @param lengthBytes the length of {@code object} ({@code "l"}, omitted when 0)
 * @param object the object holding these bytes ({@code "o"}); usually direct, but any object id is allowed
 */
public record IndirectEntry(long offset, long lengthBytes, ObjectId object) {

    public IndirectEntry {
        Objects.requireNonNull(object, "object");
    }

    /** The offset just past this entry. */
    public long endOffset() {
        return offset + lengthBytes;
    }
}
