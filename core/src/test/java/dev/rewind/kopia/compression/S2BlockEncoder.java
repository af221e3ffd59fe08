package dev.rewind.kopia.compression;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Test-only S2 block encoder (kopia-format.md §4.9): {@code uvarint(length)} followed by literals and copies. A
 * greedy matcher with one hash candidate per position, preferring the previous offset, so that repeat copies appear
 * wherever data repeats with a stable period. Long matches are split as klauspost's encoder does: one copy carrying
 * the offset (1-byte offset form when the offset is below 2048, else 2- or 4-byte) followed by one repeat copy for
 * the rest. Without repeats (Snappy mode) long matches become a run of 2- or 4-byte-offset copies of ≤ 64 bytes.
 */
final class S2BlockEncoder {
    private static final int HASH_BITS = 16;

    private S2BlockEncoder() {}

    /** Encodes one block; {@code repeats} enables S2 repeat copies (off for Snappy-compatible output). */
    static byte[] encode(byte[] src, boolean repeats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length / 2 + 16);
        writeUvarint(out, src.length);
        int[] table = new int[1 << HASH_BITS];
        Arrays.fill(table, -1);
        int literalStart = 0;
        int lastOffset = 0;
        int i = 0;
        while (i + 4 <= src.length) {
            int word = read32(src, i);
            int candidate = -1;
            if (lastOffset > 0 && i >= lastOffset && read32(src, i - lastOffset) == word) {
                candidate = i - lastOffset;
            }
            int h = (word * 0x1e35a7bd) >>> (32 - HASH_BITS);
            int hashed = table[h];
            table[h] = i;
            if (candidate < 0 && hashed >= 0 && read32(src, hashed) == word) {
                candidate = hashed;
            }
            if (candidate < 0) {
                i++;
                continue;
            }
            int length = 4;
            while (i + length < src.length && src[candidate + length] == src[i + length]) {
                length++;
            }
            emitLiteral(out, src, literalStart, i - literalStart);
            int offset = i - candidate;
            emitCopy(out, offset, length, repeats, repeats && offset == lastOffset);
            lastOffset = offset;
            i += length;
            literalStart = i;
        }
        emitLiteral(out, src, literalStart, src.length - literalStart);
        return out.toByteArray();
    }

    static void emitLiteral(ByteArrayOutputStream out, byte[] src, int start, int length) {
        if (length == 0) {
            return;
        }
        int n = length - 1;
        if (n < 60) {
            out.write(n << 2);
        } else if (n < 1 << 8) {
            out.write(60 << 2);
            out.write(n);
        } else if (n < 1 << 16) {
            out.write(61 << 2);
            out.write(n);
            out.write(n >>> 8);
        } else if (n < 1 << 24) {
            out.write(62 << 2);
            out.write(n);
            out.write(n >>> 8);
            out.write(n >>> 16);
        } else {
            out.write(63 << 2);
            out.write(n);
            out.write(n >>> 8);
            out.write(n >>> 16);
            out.write(n >>> 24);
        }
        out.write(src, start, length);
    }

    /**
     * Emits a match of {@code length} (≥ 4) bytes at {@code offset}; {@code offsetIsCurrent} says the decoder's repeat
     * offset already equals {@code offset}, so the whole match can be one repeat copy.
     */
    static void emitCopy(ByteArrayOutputStream out, int offset, int length, boolean repeats, boolean offsetIsCurrent) {
        int remaining = length;
        if (offsetIsCurrent) {
            emitRepeat(out, remaining);
            return;
        }
        while (remaining > 0) {
            int take;
            if (offset < 2048 && remaining >= 4) {
                take = fitting(remaining, 11);
                out.write(1 | (take - 4) << 2 | (offset >>> 8) << 5);
                out.write(offset);
            } else {
                take = fitting(remaining, 64);
                if (offset < 1 << 16) {
                    out.write(2 | (take - 1) << 2);
                    out.write(offset);
                    out.write(offset >>> 8);
                } else {
                    out.write(3 | (take - 1) << 2);
                    out.write(offset);
                    out.write(offset >>> 8);
                    out.write(offset >>> 16);
                    out.write(offset >>> 24);
                }
            }
            remaining -= take;
            if (repeats && remaining > 0) {
                emitRepeat(out, remaining);
                return;
            }
        }
    }

    /** The length of the next copy: at most {@code max}, leaving 0 or at least 4 bytes for the next one. */
    private static int fitting(int remaining, int max) {
        if (remaining <= max) {
            return remaining;
        }
        int rest = remaining - max;
        return rest >= 4 ? max : remaining - 4;
    }

    /** An S2 repeat copy: 1-byte-offset form with offset 0 and the length encodings of §4.9. */
    static void emitRepeat(ByteArrayOutputStream out, int length) {
        if (length < 4) {
            throw new IllegalArgumentException("repeat shorter than 4 bytes: " + length);
        }
        if (length <= 8) {
            out.write(1 | (length - 4) << 2);
            out.write(0);
        } else if (length < 8 + 256) {
            out.write(1 | 5 << 2);
            out.write(0);
            out.write(length - 8);
        } else if (length < 260 + (1 << 16)) {
            int v = length - 260;
            out.write(1 | 6 << 2);
            out.write(0);
            out.write(v);
            out.write(v >>> 8);
        } else {
            int v = length - 65540;
            if (v >= 1 << 24) {
                throw new IllegalArgumentException("repeat too long: " + length);
            }
            out.write(1 | 7 << 2);
            out.write(0);
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
        }
    }

    static void writeUvarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static int read32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }
}
