package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.regex.Pattern;

/**
 * A PostgreSQL log sequence number, written {@code H/L} in hex (high and low 32 bits); the value is
 * {@code (H << 32) + L}, compared unsigned (cnpg-barman.md §3.3).
 */
public record Lsn(long value) implements Comparable<Lsn> {
    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    public static Lsn parse(String text) {
        var m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid LSN '" + text + "', expected H/L in hex");
        }
        return new Lsn((Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16));
    }

    public static Lsn of(long value) {
        return new Lsn(value);
    }

    /** The segment that contains this LSN, on timeline {@code timeline}. */
    public WalName segment(long timeline, WalSegmentSize size) {
        return WalName.fromLsn(this, timeline, size);
    }

    /** Offset of this LSN inside its segment. */
    public long offsetInSegment(WalSegmentSize size) {
        return Long.remainderUnsigned(value, size.bytes());
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFF_FFFFL).toUpperCase();
    }
}
