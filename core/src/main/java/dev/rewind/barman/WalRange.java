package dev.rewind.barman;

import java.util.stream.Stream;

/**
 * Consecutive segments {@code first..last} (inclusive) of one timeline, e.g. a gap in the archive. Messages collapse
 * the range; {@link #names(WalSegmentSize)} lists every segment, so no data is lost.
 */
public record WalRange(WalName first, WalName last, long count) {

    public static WalRange of(long timeline, long firstSegno, long lastSegno, WalSegmentSize size) {
        return new WalRange(WalName.fromSegmentNumber(timeline, firstSegno, size),
                WalName.fromSegmentNumber(timeline, lastSegno, size), lastSegno - firstSegno + 1);
    }

    public static WalRange single(WalName name) {
        return new WalRange(name, name, 1);
    }

    /** Every segment name of the range, in order. */
    public Stream<WalName> names(WalSegmentSize size) {
        return Stream.iterate(first, n -> n.next(size)).limit(count);
    }

    @Override
    public String toString() {
        return count == 1 ? first.toString() : first + ".." + last + " (" + count + " segments)";
    }
}
