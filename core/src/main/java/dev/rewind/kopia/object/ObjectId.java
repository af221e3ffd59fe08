package dev.rewind.kopia.object;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kopia object id (kopia-format.md §7.1): {@code ('I')* ['Z'] ['D'] <content id>}, written by hand after kopia's
 * {@code repo/object/objectid.go}.
 *
 * <ul>
 *   <li>each leading {@code I} adds one level of indirection: the object is described by a {@code kopia:indirect}
 *       seek table stored in the object with one {@code I} fewer;</li>
 *   <li>{@code Z} marks an object compressed at the object level (format v1 repositories); it is never combined
 *       with {@code I};</li>
 *   <li>{@code D} is a legacy prefix without effect. It is accepted when parsing and dropped when formatting, as
 *       kopia does, so {@code parse(s).toString()} equals {@code s} for every canonical id.</li>
 * </ul>
 *
 * @param content the content holding the object (for an indirect id: the content at the bottom of the chain of
 *                index objects)
 * @param indirection the number of leading {@code I}s, 0 for a direct object
 * @param compressed whether the id carries the {@code Z} prefix
 */
public record ObjectId(ContentId content, int indirection, boolean compressed) {

    public ObjectId {
        Objects.requireNonNull(content, "content");
        if (indirection < 0) {
            throw new RewindException(Reason.INVALID_INPUT, "negative indirection in object id for " + content);
        }
        if (indirection > 0 && compressed) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "object id for " + content + " is both indirect and compressed");
        }
    }

    /** A direct, uncompressed object stored in one content. */
    public static ObjectId direct(ContentId content) {
        return new ObjectId(content, 0, false);
    }

    /** The object whose seek table is stored in {@code indexObject}. */
    public static ObjectId indirect(ObjectId indexObject) {
        if (indexObject.compressed) {
            throw new RewindException(Reason.INVALID_INPUT, "compressed object " + indexObject + " cannot be indirect");
        }
        return new ObjectId(indexObject.content, indexObject.indirection + 1, false);
    }

    /**
     * Parses the string form. Throws {@link Reason#INVALID_INPUT} naming the text when it is malformed; readers of
     * repository data translate this into {@link Reason#CORRUPT} naming the item that held the id.
     */
    public static ObjectId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "empty object id");
        }
        int pos = 0;
        int indirection = 0;
        while (pos < text.length() && text.charAt(pos) == 'I') {
            indirection++;
            pos++;
        }
        boolean compressed = false;
        if (pos < text.length() && text.charAt(pos) == 'Z') {
            compressed = true;
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == 'D') {
            pos++;
        }
        if (indirection > 0 && compressed) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "invalid object id '" + text + "': compression and indirection are mutually exclusive");
        }
        ContentId content;
        try {
            content = ContentId.parse(text.substring(pos));
        } catch (RewindException e) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid object id '" + text + "': bad content id", e);
        }
        return new ObjectId(content, indirection, compressed);
    }

    public boolean isIndirect() {
        return indirection > 0;
    }

    /** For an indirect object, the object holding its seek table (one {@code I} fewer); empty for a direct one. */
    public Optional<ObjectId> indexObject() {
        return isIndirect() ? Optional.of(new ObjectId(content, indirection - 1, false)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "I".repeat(indirection) + (compressed ? "Z" : "") + content;
    }
}
