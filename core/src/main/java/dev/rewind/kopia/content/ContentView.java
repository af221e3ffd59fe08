package dev.rewind.kopia.content;

import java.util.Objects;

/**
 * The plaintext of one content as {@code bytes[0, length)} — either an array of its own or one of the reused arrays
 * of a {@link ContentBuffers}, valid until the next read with those buffers. A view, not a value: it is never
 * stored or compared.
 */
public record ContentView(byte[] bytes, int length) {
    public ContentView {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(0, length, bytes.length);
    }

    /** A view of a whole array. */
    public static ContentView of(byte[] bytes) {
        return new ContentView(bytes, bytes.length);
    }
}
