package dev.rewind.kopia.object;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.ContentSource;
import dev.rewind.kopia.content.ContentView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads Kopia objects from a {@link ContentSource} (kopia-format.md §7.2), written by hand after kopia's
 * {@code repo/object/object_reader.go}:
 * <ul>
 *   <li>a direct object is the plaintext of its content; a {@code Z} object is that plaintext decompressed by the
 *       {@link ObjectDecompressor};</li>
 *   <li>an indirect object ({@code I…}) is the concatenation, in order, of the objects listed in the
 *       {@link SeekTable} stored in the object with one {@code I} fewer — which may itself be indirect
 *       ({@code IIx…}); entries may be any object id and are read recursively;</li>
 *   <li>every entry's object must have exactly the length the table declares, otherwise {@link Reason#CORRUPT}
 *       naming the indirect object and the entry (kopia asserts the same when reading).</li>
 * </ul>
 *
 * <p>Small objects (directories, symlink targets, seek tables) are read whole with {@link #readAll}; files are read
 * with {@link #open} (a seekable stream in bounded memory) or {@link #openRange}. Thread-safe if the content source
 * is; the streams it returns are not.
 */
public final class ObjectReader {
    /** The largest object {@link #readAll(ObjectId)} will materialise. */
    public static final long MAX_WHOLE_OBJECT_BYTES = Integer.MAX_VALUE - 16;
    /** The deepest chain of seek tables followed before an object is declared CORRUPT. */
    static final int MAX_NESTING = 64;

    private final ContentSource contents;
    private final ObjectDecompressor decompressor;

    /** A reader for repositories that may contain {@code Z} objects. */
    public ObjectReader(ContentSource contents, ObjectDecompressor decompressor) {
        this.contents = Objects.requireNonNull(contents, "contents");
        this.decompressor = Objects.requireNonNull(decompressor, "decompressor");
    }

    /** A reader for repositories without object-level compression ({@code Z} ids are UNSUPPORTED). */
    public ObjectReader(ContentSource contents) {
        this(contents, ObjectDecompressor.unsupported());
    }

    /** Opens a seekable stream over the whole object. */
    public ObjectStream open(ObjectId object) {
        return open(object, 0);
    }

    /** Opens {@code object} at nesting {@code depth}: how many seek tables led here (see {@link #checkNesting}). */
    ObjectStream open(ObjectId object, int depth) {
        Objects.requireNonNull(object, "object");
        checkNesting(object, depth);
        if (object.isIndirect()) {
            return new ObjectStream.Indirect(object, this, readSeekTable(object, depth), depth);
        }
        return new ObjectStream.Direct(object, readDirect(object));
    }

    /**
     * Writes the whole object to {@code out}, content by content, reading each with {@code buffers} — extraction's
     * path: an uncompressed content goes from the reused arrays straight to {@code out}, with no array of its own.
     * Each seek-table entry's length is checked before any of its bytes are written ({@link Reason#CORRUPT} naming
     * the object and entry, like {@link #open}); on failure {@code out} may hold the entries before it.
     *
     * @return the bytes written, the object's length
     */
    public long copyTo(ObjectId object, OutputStream out, ContentBuffers buffers) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(buffers, "buffers");
        if (!object.isIndirect()) {
            ContentView view = readDirect(object, buffers);
            out.write(view.bytes(), 0, view.length());
            return view.length();
        }
        return copyEntries(object, readSeekTable(object, 0), out, buffers, 0);
    }

    private long copyEntries(ObjectId object, SeekTable table, OutputStream out, ContentBuffers buffers, int depth)
            throws IOException {
        checkNesting(object, depth);
        List<IndirectEntry> entries = table.entries();
        for (int i = 0; i < entries.size(); i++) {
            IndirectEntry entry = entries.get(i);
            if (entry.lengthBytes() == 0) {
                // holds no bytes: never opened, as by the stream; a crafted chain of empty entries would otherwise
                // be walked exponentially
                continue;
            }
            ObjectId child = entry.object();
            if (child.isIndirect()) {
                SeekTable childTable = readSeekTable(child, depth + 1);
                checkEntryLength(object, i, entry, childTable.totalLengthBytes());
                copyEntries(child, childTable, out, buffers, depth + 1);
            } else {
                ContentView view = readDirect(child, buffers);
                checkEntryLength(object, i, entry, view.length());
                out.write(view.bytes(), 0, view.length());
            }
        }
        return table.totalLengthBytes();
    }

    private static void checkEntryLength(ObjectId object, int index, IndirectEntry entry, long actual) {
        if (actual != entry.lengthBytes()) {
            throw SeekTable.entryLengthMismatch(object, index, entry, actual);
        }
    }

    /**
     * Refuses {@code object} when it is reached through more than {@link #MAX_NESTING} seek tables. Content ids are
     * hashes, so real chains are short; the bound turns a damaged, self-referencing chain into CORRUPT instead of a
     * stack overflow.
     */
    private static void checkNesting(ObjectId object, int depth) {
        if (depth > MAX_NESTING) {
            throw SeekTable.corrupt(object, "is nested more than " + MAX_NESTING + " seek tables deep");
        }
    }

    /**
     * A stream over bytes {@code [offset, offset+lengthBytes)} of the object; the range must lie inside the object
     * ({@link Reason#INVALID_INPUT} otherwise).
     */
    public InputStream openRange(ObjectId object, long offset, long lengthBytes) {
        ObjectStream stream = open(object);
        if (offset < 0 || lengthBytes < 0 || offset > stream.lengthBytes()
                || lengthBytes > stream.lengthBytes() - offset) {
            long total = stream.lengthBytes();
            stream.close();
            throw new RewindException(Reason.INVALID_INPUT, "range [" + offset + ", +" + lengthBytes
                    + ") is outside object " + object + " of length " + total);
        }
        stream.seek(offset);
        return new BoundedObjectStream(stream, lengthBytes);
    }

    /** The length of the object (reads the content of a direct object, the seek table of an indirect one). */
    public long lengthBytes(ObjectId object) {
        if (object.isIndirect()) {
            return readSeekTable(object).totalLengthBytes();
        }
        return readDirect(object).length;
    }

    /**
     * The whole object in memory — for directories, symlink targets and seek tables, not for file data.
     *
     * @throws RewindException {@link Reason#UNSUPPORTED} if the object is longer than
     *         {@link #MAX_WHOLE_OBJECT_BYTES}
     */
    public byte[] readAll(ObjectId object) {
        return readAll(object, 0);
    }

    private byte[] readAll(ObjectId object, int depth) {
        if (!object.isIndirect()) {
            return readDirect(object);
        }
        try (ObjectStream stream = open(object, depth)) {
            long length = stream.lengthBytes();
            if (length > MAX_WHOLE_OBJECT_BYTES) {
                throw new RewindException(Reason.UNSUPPORTED, "object " + object + " is " + length
                        + " bytes, too large to read into memory", "stream it with ObjectReader.open", null);
            }
            byte[] bytes = new byte[(int) length];
            int filled = 0;
            while (filled < bytes.length) {
                int n = stream.read(bytes, filled, bytes.length - filled);
                if (n < 0) {
                    throw SeekTable.corrupt(object, "ended after " + filled + " of " + length + " bytes");
                }
                filled += n;
            }
            return bytes;
        }
    }

    /** The parsed, validated seek table of an indirect object (its index object is read whole, recursively). */
    public SeekTable readSeekTable(ObjectId indirectObject) {
        return readSeekTable(indirectObject, 0);
    }

    private SeekTable readSeekTable(ObjectId indirectObject, int depth) {
        ObjectId index = indirectObject.indexObject().orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                "object " + indirectObject + " is not indirect and has no seek table"));
        return SeekTable.parse(indirectObject, readAll(index, depth + 1));
    }

    /**
     * Calls {@code action} for every content backing the object without reading file data: for an indirect object
     * the contents of its seek table(s) first, then those of each entry in order. Used to verify that every content
     * of a snapshot resolves (kopia-format.md §8). Contents shared by several entries are reported each time.
     */
    public void forEachBackingContent(ObjectId object, Consumer<ContentId> action) {
        forEachBackingContent(object, action, 0);
    }

    private void forEachBackingContent(ObjectId object, Consumer<ContentId> action, int depth) {
        checkNesting(object, depth);
        if (object.isIndirect()) {
            forEachBackingContent(object.indexObject().orElseThrow(), action, depth + 1);
            for (IndirectEntry entry : readSeekTable(object, depth).entries()) {
                forEachBackingContent(entry.object(), action, depth + 1);
            }
        } else {
            action.accept(object.content());
        }
    }

    private ContentView readDirect(ObjectId object, ContentBuffers buffers) {
        return object.compressed() ? ContentView.of(readDirect(object)) : contents.read(object.content(), buffers);
    }

    private byte[] readDirect(ObjectId object) {
        byte[] payload = contents.read(object.content());
        return object.compressed() ? decompressor.decompress(object, payload) : payload;
    }

    /** Limits an {@link ObjectStream} to a number of bytes from its current position. */
    private static final class BoundedObjectStream extends InputStream {
        private final ObjectStream delegate;
        private long remaining;

        BoundedObjectStream(ObjectStream delegate, long remaining) {
            this.delegate = delegate;
            this.remaining = remaining;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            int b = delegate.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = delegate.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = delegate.skip(Math.min(Math.max(n, 0), remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
