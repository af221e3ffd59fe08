package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name of one WAL segment, {@code TTTTTTTTLLLLLLLLSSSSSSSS}: timeline, log id (high 32 bits of the LSN) and
 * segment within the log, 8 hex digits each. Hand-written after cnpg-barman.md §3.3 (and barman's {@code xlog.py}):
 * successor and predecessor wrap at {@link WalSegmentSize#segmentsPerLog()} (no pre-9.3 "skip FF" rule) and never
 * change the timeline.
 *
 * <p>The name itself does not know the segment size; arithmetic takes it as an argument. Parsing accepts lowercase
 * hex (barman does); {@link #toString()} prints the uppercase form PostgreSQL writes.
 */
public record WalName(long timeline, long log, long segment) implements Comparable<WalName> {
    private static final Pattern TEXT = Pattern.compile("[0-9A-Fa-f]{24}");
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final Comparator<WalName> ORDER = Comparator.comparingLong(WalName::timeline)
            .thenComparingLong(WalName::log).thenComparingLong(WalName::segment);

    public WalName {
        if (timeline < 1 || timeline > MAX_U32 || log < 0 || log > MAX_U32 || segment < 0 || segment > MAX_U32) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid WAL name parts: timeline " + timeline + ", log "
                    + log + ", segment " + segment);
        }
    }

    /** Parses a 24-hex-digit segment name. */
    public static WalName parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid WAL segment name '" + text
                    + "', expected 24 hex digits");
        }
        return new WalName(HexFormat.fromHexDigitsToLong(text, 0, 8), HexFormat.fromHexDigitsToLong(text, 8, 16),
                HexFormat.fromHexDigitsToLong(text, 16, 24));
    }

    /** True when {@code text} is a 24-hex-digit segment name. */
    public static boolean isSegmentName(String text) {
        return text != null && TEXT.matcher(text).matches();
    }

    /** The segment on {@code timeline} that contains {@code lsn}. */
    public static WalName fromLsn(Lsn lsn, long timeline, WalSegmentSize size) {
        long log = lsn.value() >>> 32;
        long segment = (lsn.value() & MAX_U32) / size.bytes();
        return new WalName(timeline, log, segment);
    }

    /** The segment with absolute number {@code segmentNumber} (LSN / size) on {@code timeline}. */
    public static WalName fromSegmentNumber(long timeline, long segmentNumber, WalSegmentSize size) {
        long perLog = size.segmentsPerLog();
        return new WalName(timeline, segmentNumber / perLog, segmentNumber % perLog);
    }

    /** The absolute segment number (LSN of the segment start / size), independent of the timeline. */
    public long segmentNumber(WalSegmentSize size) {
        requireFits(size);
        return log * size.segmentsPerLog() + segment;
    }

    /** The LSN at which this segment starts. */
    public Lsn startLsn(WalSegmentSize size) {
        requireFits(size);
        return Lsn.of((log << 32) + segment * size.bytes());
    }

    /** The next segment on the same timeline. */
    public WalName next(WalSegmentSize size) {
        requireFits(size);
        if (segment + 1 < size.segmentsPerLog()) {
            return new WalName(timeline, log, segment + 1);
        }
        if (log == MAX_U32) {
            throw new RewindException(Reason.INVALID_INPUT, "WAL segment " + this + " has no successor");
        }
        return new WalName(timeline, log + 1, 0);
    }

    /** The previous segment on the same timeline. */
    public WalName previous(WalSegmentSize size) {
        requireFits(size);
        if (segment > 0) {
            return new WalName(timeline, log, segment - 1);
        }
        if (log == 0) {
            throw new RewindException(Reason.INVALID_INPUT, "WAL segment " + this + " has no predecessor");
        }
        return new WalName(timeline, log - 1, size.segmentsPerLog() - 1);
    }

    /** The same log/segment on another timeline. */
    public WalName onTimeline(long otherTimeline) {
        return new WalName(otherTimeline, log, segment);
    }

    /** The hash directory barman stores this segment under: timeline and log, {@code TTTTTTTTLLLLLLLL}. */
    public String hashDir() {
        return toString().substring(0, 16);
    }

    /** Whether the segment index is valid for {@code size} (below {@link WalSegmentSize#segmentsPerLog()}). */
    public boolean fits(WalSegmentSize size) {
        return segment < size.segmentsPerLog();
    }

    private void requireFits(WalSegmentSize size) {
        if (!fits(size)) {
            throw new RewindException(Reason.INVALID_INPUT, "WAL segment " + this + " is not valid for a segment size of "
                    + size + " (highest index " + Long.toHexString(size.segmentsPerLog() - 1).toUpperCase() + ")");
        }
    }

    /** Order by timeline, then log, then segment (the order of the names as strings). */
    @Override
    public int compareTo(WalName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return String.format("%08X%08X%08X", timeline, log, segment);
    }
}
