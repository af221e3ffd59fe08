package dev.rewind.barman;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The archived segments of one timeline as maximal runs of consecutive absolute segment numbers. Memory is
 * proportional to the number of runs (gaps + 1), not to the number of segments, and segments may be added in any
 * order. Each run remembers the latest modification time of its segments.
 *
 * <p>Not thread-safe.
 */
final class SegmentRuns {
    /** Segments {@code first..last} (inclusive) are all present. */
    record Run(long first, long last, Instant latestModifiedAt) {
        long count() {
            return last - first + 1;
        }
    }

    private final TreeMap<Long, Run> byFirst = new TreeMap<>();

    /** Adds one segment; false when it was already present (a duplicate object for the same segment). */
    boolean add(long segno, Instant modifiedAt) {
        Map.Entry<Long, Run> floor = byFirst.floorEntry(segno);
        if (floor != null && floor.getValue().last() >= segno) {
            Run run = floor.getValue();
            byFirst.put(run.first(), new Run(run.first(), run.last(), later(run.latestModifiedAt(), modifiedAt)));
            return false;
        }
        long first = segno;
        long last = segno;
        Instant at = modifiedAt;
        if (floor != null && floor.getValue().last() == segno - 1) {
            first = floor.getValue().first();
            at = later(at, floor.getValue().latestModifiedAt());
        }
        Run higher = byFirst.remove(segno + 1);
        if (higher != null) {
            last = higher.last();
            at = later(at, higher.latestModifiedAt());
        }
        byFirst.put(first, new Run(first, last, at));
        return true;
    }

    boolean contains(long segno) {
        return find(segno).isPresent();
    }

    Optional<Run> find(long segno) {
        Map.Entry<Long, Run> floor = byFirst.floorEntry(segno);
        return floor != null && floor.getValue().last() >= segno ? Optional.of(floor.getValue()) : Optional.empty();
    }

    OptionalLong highest() {
        return byFirst.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byFirst.lastEntry().getValue().last());
    }

    /** The runs, lowest first. */
    List<Run> runs() {
        return List.copyOf(byFirst.values());
    }

    /** The runs of segments at or above {@code from}, clipped to start at {@code from}. */
    List<Run> runsFrom(long from) {
        var out = new ArrayList<Run>();
        for (Run run : byFirst.values()) {
            if (run.last() >= from) {
                out.add(new Run(Math.max(run.first(), from), run.last(), run.latestModifiedAt()));
            }
        }
        return out;
    }

    /** The maximal sub-ranges {@code [a, b]} of {@code [from, to]} with no segment present, lowest first. */
    List<long[]> missing(long from, long to) {
        var out = new ArrayList<long[]>();
        long cursor = from;
        Map.Entry<Long, Run> floor = byFirst.floorEntry(from);
        Iterable<Run> candidates = floor == null ? byFirst.subMap(from, true, to, true).values()
                : byFirst.subMap(floor.getKey(), true, to, true).values();
        for (Run run : candidates) {
            if (run.last() < cursor) {
                continue;
            }
            if (run.first() > cursor) {
                out.add(new long[] {cursor, Math.min(run.first() - 1, to)});
            }
            cursor = run.last() + 1;
            if (cursor > to) {
                return out;
            }
        }
        if (cursor <= to) {
            out.add(new long[] {cursor, to});
        }
        return out;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
