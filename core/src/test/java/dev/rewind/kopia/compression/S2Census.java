package dev.rewind.kopia.compression;

import java.util.EnumMap;
import java.util.Map;

/**
 * Test-only walk over an S2 stream that counts chunk and element kinds, so tests can prove which constructs an
 * encoder (ours or Go's) actually emitted. It trusts its input; the decoder is what validates.
 */
final class S2Census {
    enum Kind {
        IDENTIFIER_S2,
        IDENTIFIER_SNAPPY,
        COMPRESSED_CHUNK,
        UNCOMPRESSED_CHUNK,
        PADDING_CHUNK,
        SKIPPABLE_CHUNK,
        LITERAL_SHORT,
        LITERAL_1_BYTE_LENGTH,
        LITERAL_2_BYTE_LENGTH,
        LITERAL_3_BYTE_LENGTH,
        LITERAL_4_BYTE_LENGTH,
        COPY_1,
        COPY_2,
        COPY_4,
        REPEAT_SHORT,
        REPEAT_1_BYTE_LENGTH,
        REPEAT_2_BYTE_LENGTH,
        REPEAT_3_BYTE_LENGTH,
        BLOCK_ABOVE_64_KIB
    }

    private S2Census() {}

    static Map<Kind, Integer> of(byte[] stream) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        int pos = 0;
        while (pos < stream.length) {
            int type = stream[pos] & 0xff;
            int length = (stream[pos + 1] & 0xff) | (stream[pos + 2] & 0xff) << 8 | (stream[pos + 3] & 0xff) << 16;
            int body = pos + 4;
            switch (type) {
                case 0xff -> count(counts, stream[body] == 'S' ? Kind.IDENTIFIER_S2 : Kind.IDENTIFIER_SNAPPY);
                case 0x00 -> {
                    count(counts, Kind.COMPRESSED_CHUNK);
                    block(stream, body + 4, body + length, counts);
                }
                case 0x01 -> {
                    count(counts, Kind.UNCOMPRESSED_CHUNK);
                    if (length - 4 > 64 * 1024) {
                        count(counts, Kind.BLOCK_ABOVE_64_KIB);
                    }
                }
                case 0xfe -> count(counts, Kind.PADDING_CHUNK);
                default -> count(counts, Kind.SKIPPABLE_CHUNK);
            }
            pos = body + length;
        }
        return counts;
    }

    private static void block(byte[] b, int s, int end, Map<Kind, Integer> counts) {
        long declared = 0;
        int shift = 0;
        while ((b[s] & 0x80) != 0) {
            declared |= (long) (b[s++] & 0x7f) << shift;
            shift += 7;
        }
        declared |= (long) (b[s++] & 0x7f) << shift;
        if (declared > 64 * 1024) {
            count(counts, Kind.BLOCK_ABOVE_64_KIB);
        }
        while (s < end) {
            int tag = b[s] & 0xff;
            switch (tag & 3) {
                case 0 -> {
                    int x = tag >>> 2;
                    long length;
                    if (x < 60) {
                        count(counts, Kind.LITERAL_SHORT);
                        length = x + 1;
                        s += 1;
                    } else {
                        int extra = x - 59;
                        count(counts, Kind.values()[Kind.LITERAL_1_BYTE_LENGTH.ordinal() + extra - 1]);
                        long v = 0;
                        for (int i = 0; i < extra; i++) {
                            v |= (long) (b[s + 1 + i] & 0xff) << (8 * i);
                        }
                        length = v + 1;
                        s += 1 + extra;
                    }
                    s += (int) length;
                }
                case 1 -> {
                    int offset = ((tag & 0xe0) << 3) | (b[s + 1] & 0xff);
                    s += 2;
                    if (offset != 0) {
                        count(counts, Kind.COPY_1);
                    } else {
                        int field = (tag >>> 2) & 7;
                        switch (field) {
                            case 5 -> {
                                count(counts, Kind.REPEAT_1_BYTE_LENGTH);
                                s += 1;
                            }
                            case 6 -> {
                                count(counts, Kind.REPEAT_2_BYTE_LENGTH);
                                s += 2;
                            }
                            case 7 -> {
                                count(counts, Kind.REPEAT_3_BYTE_LENGTH);
                                s += 3;
                            }
                            default -> count(counts, Kind.REPEAT_SHORT);
                        }
                    }
                }
                case 2 -> {
                    count(counts, Kind.COPY_2);
                    s += 3;
                }
                default -> {
                    count(counts, Kind.COPY_4);
                    s += 5;
                }
            }
        }
    }

    private static void count(Map<Kind, Integer> counts, Kind kind) {
        counts.merge(kind, 1, Integer::sum);
    }
}
