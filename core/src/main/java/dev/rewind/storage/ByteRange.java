package dev.rewind.storage;

/**
 * A byte range of a blob: {@code offset} from the start and {@code length} bytes, or everything from
 * {@code offset} to the end when {@code length} is {@link #TO_END}.
 */
public record ByteRange(long offset, long length) {
    public static final long TO_END = -1;
    private static final ByteRange ALL = new ByteRange(0, TO_END);

    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (length < 0 && length != TO_END) {
            throw new IllegalArgumentException("negative length " + length);
        }
    }

    public static ByteRange all() {
        return ALL;
    }

    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    public boolean isAll() {
        return offset == 0 && length == TO_END;
    }

    public boolean toEnd() {
        return length == TO_END;
    }

    @Override
    public String toString() {
        return toEnd() ? "[" + offset + "..end)" : "[" + offset + ".." + (offset + length) + ")";
    }
}
