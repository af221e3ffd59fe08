package dev.rewind.kopia.compression;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * Decoder of one S2 block body — the elements after the block's uvarint length — written by hand because no Java
 * library decodes S2 (kopia-format.md §4.9, §10; klauspost/compress s2/README.md "Format Extensions").
 *
 * <p>An S2 block is a Snappy block plus one extension: a copy with a 1-byte offset whose 11-bit offset is zero
 * repeats the previous copy's offset, and its 3-bit length field then selects a longer length encoding. Offsets are
 * relative to the block, which is decoded independently of earlier blocks; the repeat offset starts unset.
 */
final class S2Block {
    private static final int TAG_LITERAL = 0;
    private static final int TAG_COPY_1 = 1;
    private static final int TAG_COPY_2 = 2;

    private S2Block() {}

    /**
     * Decodes {@code src[srcPos, srcEnd)} into exactly {@code dst[dstStart, dstStart + dstLength)}.
     *
     * @throws RewindException {@link Reason#CORRUPT} when an element is cut short, a copy reaches before the start
     *     of the block or past its declared length, or the elements do not fill the declared length exactly
     */
    static void decode(byte[] src, int srcPos, int srcEnd, byte[] dst, int dstStart, int dstLength) {
        int s = srcPos;
        int d = dstStart;
        int dstEnd = dstStart + dstLength;
        long offset = 0;
        while (s < srcEnd) {
            int tag = src[s] & 0xff;
            long length;
            if ((tag & 3) == TAG_LITERAL) {
                long lengthMinusOne = tag >>> 2;
                if (lengthMinusOne < 60) {
                    s += 1;
                } else {
                    int extra = (int) lengthMinusOne - 59; // 1..4 little-endian bytes
                    need(src, s, 1 + extra, srcEnd, "literal length");
                    lengthMinusOne = littleEndian(src, s + 1, extra);
                    s += 1 + extra;
                }
                length = lengthMinusOne + 1;
                if (length > dstEnd - d) {
                    throw corrupt("literal of " + length + " bytes overruns the block at byte " + (d - dstStart));
                }
                if (length > srcEnd - s) {
                    throw corrupt("literal of " + length + " bytes is cut short by the end of the block");
                }
                System.arraycopy(src, s, dst, d, (int) length);
                s += (int) length;
                d += (int) length;
                continue;
            }
            if ((tag & 3) == TAG_COPY_1) {
                need(src, s, 2, srcEnd, "copy");
                int lengthField = (tag >>> 2) & 7;
                int copyOffset = ((tag & 0xe0) << 3) | (src[s + 1] & 0xff);
                s += 2;
                if (copyOffset == 0) {
                    // S2 repeat: keep the previous offset; the length field selects the encoding.
                    switch (lengthField) {
                        case 5 -> {
                            need(src, s, 1, srcEnd, "repeat length");
                            length = (src[s] & 0xff) + 8L;
                            s += 1;
                        }
                        case 6 -> {
                            need(src, s, 2, srcEnd, "repeat length");
                            length = littleEndian(src, s, 2) + 260L;
                            s += 2;
                        }
                        case 7 -> {
                            need(src, s, 3, srcEnd, "repeat length");
                            length = littleEndian(src, s, 3) + 65540L;
                            s += 3;
                        }
                        default -> length = lengthField + 4L;
                    }
                    if (offset == 0) {
                        throw corrupt("repeat copy at byte " + (d - dstStart) + " before any copy offset was set");
                    }
                } else {
                    offset = copyOffset;
                    length = lengthField + 4L;
                }
            } else if ((tag & 3) == TAG_COPY_2) {
                need(src, s, 3, srcEnd, "copy");
                length = (tag >>> 2) + 1L;
                offset = littleEndian(src, s + 1, 2);
                s += 3;
            } else {
                need(src, s, 5, srcEnd, "copy");
                length = (tag >>> 2) + 1L;
                offset = littleEndian(src, s + 1, 4);
                s += 5;
            }
            int produced = d - dstStart;
            if (offset <= 0 || offset > produced) {
                throw corrupt("copy offset " + offset + " reaches before the block start at byte " + produced);
            }
            if (length > dstEnd - d) {
                throw corrupt("copy of " + length + " bytes overruns the block at byte " + produced);
            }
            int from = d - (int) offset;
            int count = (int) length;
            if (offset >= count) {
                System.arraycopy(dst, from, dst, d, count);
            } else {
                for (int i = 0; i < count; i++) { // overlapping copy: forwards, byte by byte
                    dst[d + i] = dst[from + i];
                }
            }
            d += count;
        }
        if (d != dstEnd) {
            throw corrupt("block decodes to " + (d - dstStart) + " bytes but declares " + dstLength);
        }
    }

    private static void need(byte[] src, int s, int count, int srcEnd, String what) {
        if (count > srcEnd - s) {
            throw corrupt(what + " at block offset " + s + " is cut short by the end of the block");
        }
    }

    private static long littleEndian(byte[] src, int at, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value |= (long) (src[at + i] & 0xff) << (8 * i);
        }
        return value;
    }

    private static RewindException corrupt(String detail) {
        return new RewindException(Reason.CORRUPT, "s2 block is corrupt: " + detail);
    }
}
