package dev.rewind.kopia.object;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A seekable stream over the bytes of one object, obtained from {@link ObjectReader#open}. Memory is bounded: a
 * direct object holds its one content; an indirect object holds its seek table plus, per level of nesting, the one
 * entry currently being read — never the whole object, so multi-GiB files stream in constant memory.
 *
 * <p>Reading past the end returns -1. Failures of the content source (missing or damaged contents) and seek-table
 * inconsistencies surface as {@link RewindException} (NOT_FOUND / CORRUPT naming the content or object) thrown from
 * {@code read}. Not thread-safe; {@link #close()} releases the buffered content.
 */
public abstract sealed class ObjectStream extends InputStream
        permits ObjectStream.Direct, ObjectStream.Indirect {

    private final ObjectId object;

    private ObjectStream(ObjectId object) {
        this.object = Objects.requireNonNull(object, "object");
    }

    /** The object being read. */
    public ObjectId object() {
        return object;
    }

    /** The total length of the object. */
    public abstract long lengthBytes();

    /** The offset of the next byte {@code read} returns. */
    public abstract long position();

    /**
     * Moves to {@code offset} ({@code 0 ≤ offset ≤ length}); the next read returns the byte at that offset. For an
     * indirect object the entry is found by binary search in the seek table.
     */
    public abstract void seek(long offset);

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length);

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long target = Math.min(lengthBytes(), position() + n);
        long skipped = target - position();
        seek(target);
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, lengthBytes() - position());
    }

    @Override
    public abstract void close();

    void checkSeek(long offset) {
        if (offset < 0 || offset > lengthBytes()) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "cannot seek to " + offset + " in object " + object + " of length " + lengthBytes());
        }
    }

    /** A direct object: the bytes of one content. */
    static final class Direct extends ObjectStream {
        private byte[] data;
        private final long length;
        private int position;

        Direct(ObjectId object, byte[] data) {
            super(object);
            this.data = data;
            this.length = data.length;
        }

        @Override
        public long lengthBytes() {
            return length;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void seek(long offset) {
            checkSeek(offset);
            position = (int) offset;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) {
            Objects.checkFromIndexSize(offset, len, buffer.length);
            if (data == null) {
                throw new RewindException(Reason.INTERNAL, "stream of object " + object() + " is closed");
            }
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - position);
            System.arraycopy(data, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            data = null;
        }
    }

    /** An indirect object: the concatenation of the objects of its seek table, opened one at a time. */
    static final class Indirect extends ObjectStream {
        private final ObjectReader reader;
        private final SeekTable table;
        private final long length;
        private long position;
        private int entryIndex = -1;
        private ObjectStream current;
        private final int depth;
        private boolean closed;

        Indirect(ObjectId object, ObjectReader reader, SeekTable table, int depth) {
            super(object);
            this.reader = reader;
            this.table = table;
            this.depth = depth;
            this.length = table.totalLengthBytes();
        }

        @Override
        public long lengthBytes() {
            return length;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void seek(long offset) {
            checkSeek(offset);
            position = offset;
            if (current != null) {
                IndirectEntry entry = table.entries().get(entryIndex);
                if (offset >= entry.offset() && offset < entry.endOffset()) {
                    current.seek(offset - entry.offset());
                    return;
                }
                closeCurrent();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int len) {
            Objects.checkFromIndexSize(offset, len, buffer.length);
            if (closed) {
                throw new RewindException(Reason.INTERNAL, "stream of object " + object() + " is closed");
            }
            if (len == 0) {
                return 0;
            }
            int total = 0;
            while (total < len && position < length) {
                if (current == null) {
                    openEntryAt(position);
                }
                IndirectEntry entry = table.entries().get(entryIndex);
                int wanted = (int) Math.min(len - total, entry.endOffset() - position);
                int n = current.read(buffer, offset + total, wanted);
                if (n < 0) {
                    throw SeekTable.corrupt(object(), "entry " + entryIndex + " (object " + entry.object()
                            + ") ended before its declared length " + entry.lengthBytes());
                }
                total += n;
                position += n;
                if (position == entry.endOffset()) {
                    closeCurrent();
                }
            }
            return total == 0 ? -1 : total;
        }

        private void openEntryAt(long offset) {
            int index = table.entryIndexAt(offset);
            IndirectEntry entry = table.entries().get(index);
            ObjectStream child = reader.open(entry.object(), depth + 1);
            if (child.lengthBytes() != entry.lengthBytes()) {
                child.close();
                throw SeekTable.entryLengthMismatch(object(), index, entry, child.lengthBytes());
            }
            child.seek(offset - entry.offset());
            current = child;
            entryIndex = index;
        }

        private void closeCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            closeCurrent();
            closed = true;
        }
    }
}
