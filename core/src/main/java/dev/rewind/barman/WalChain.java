package dev.rewind.barman;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The WAL a recovery from one start segment reads, walked over a {@link WalInventory} (cnpg-barman.md §4.6): from the
 * start along the timeline path to {@code targetTimeline} — on a timeline {@code t} that branched to {@code u} at
 * {@code S}, segments strictly before {@code seg(S)} come from {@code t}, {@code seg(S)} and later from {@code u} —
 * and on the target timeline up to its highest archived segment (or {@code requiredUntil}, if later). A target
 * timeline without any archived segment yet (just promoted) adds nothing: the chain ends before the switch.
 *
 * @param gaps        every missing segment range of the walk, in walk order
 * @param end         the last segment before the first gap; empty when the start segment itself is missing
 * @param endArchivedAt upload time of {@code end} (the latest modification time of its run of segments)
 * @param lastSegment the last segment the walk required (the highest archived one on the target timeline)
 */
public record WalChain(WalName start, long targetTimeline, List<TimelineHop> hops, List<WalRange> gaps,
                       Optional<WalName> end, Optional<Instant> endArchivedAt, WalName lastSegment) {

    public WalChain {
        hops = List.copyOf(hops);
        gaps = List.copyOf(gaps);
    }

    public boolean complete() {
        return gaps.isEmpty();
    }

    /** Whether every segment from the start through {@code name} (by segment number) is present. */
    public boolean completeThrough(WalName name, WalSegmentSize size) {
        long limit = name.segmentNumber(size);
        return gaps.stream().noneMatch(g -> g.first().segmentNumber(size) <= limit);
    }

    /**
     * Walks from {@code start}. The target timeline is the highest one reachable from {@code start}'s timeline through
     * the history files whose switch points lie at or after the start (a later fork cannot be followed); the
     * timelines considered are those with segments or history files.
     */
    public static WalChain walk(WalInventory inventory, TimelineGraph graph, WalName start,
                                Optional<WalName> requiredUntil) {
        WalSegmentSize size = inventory.segmentSize();
        long startSegno = start.segmentNumber(size);
        var candidates = new TreeSet<Long>(inventory.segmentTimelines());
        candidates.addAll(graph.timelines());
        long target = start.timeline();
        List<TimelineHop> hops = List.of();
        for (long tli : candidates.descendingSet()) {
            if (tli <= start.timeline()) {
                break;
            }
            Optional<List<TimelineHop>> path = graph.path(start.timeline(), tli);
            if (path.isPresent() && path.get().stream()
                    .allMatch(h -> WalName.fromLsn(h.switchLsn(), h.fromTimeline(), size).segmentNumber(size)
                            >= startSegno)) {
                target = tli;
                hops = path.get();
                break;
            }
        }
        record Interval(long timeline, long first, long last) {
        }
        var intervals = new ArrayList<Interval>();
        long cursor = startSegno;
        for (TimelineHop hop : hops) {
            long switchSegno = WalName.fromLsn(hop.switchLsn(), hop.fromTimeline(), size).segmentNumber(size);
            if (cursor <= switchSegno - 1) {
                intervals.add(new Interval(hop.fromTimeline(), cursor, switchSegno - 1));
            }
            cursor = Math.max(cursor, switchSegno);
        }
        OptionalLong highest = inventory.highestSegment(target).stream()
                .mapToLong(n -> n.segmentNumber(size)).filter(h -> h >= startSegno).findFirst();
        OptionalLong required = requiredUntil.stream().mapToLong(n -> n.segmentNumber(size)).findFirst();
        long last = Math.max(highest.orElse(-1), required.orElse(-1));
        if (last >= cursor) {
            intervals.add(new Interval(target, cursor, last));
        } else if (intervals.isEmpty()) {
            intervals.add(new Interval(target, cursor, cursor)); // at least the begin segment is required
        }
        // else: the target timeline has no segment archived yet; the chain ends on its parent before the switch
        Interval lastInterval = intervals.get(intervals.size() - 1);
        var gaps = new ArrayList<WalRange>();
        WalName end = null;
        Instant endAt = null;
        boolean gapSeen = false;
        for (Interval interval : intervals) {
            List<WalRange> missing = inventory.missing(interval.timeline(), interval.first(), interval.last());
            gaps.addAll(missing);
            if (gapSeen) {
                continue;
            }
            long presentUntil = missing.isEmpty() ? interval.last() : missing.get(0).first().segmentNumber(size) - 1;
            if (presentUntil >= interval.first()) {
                end = WalName.fromSegmentNumber(interval.timeline(), presentUntil, size);
                Instant at = inventory.runModifiedAt(end).orElseThrow();
                endAt = endAt == null || at.isAfter(endAt) ? at : endAt;
            }
            gapSeen = !missing.isEmpty();
        }
        return new WalChain(start, target, hops, gaps, Optional.ofNullable(end), Optional.ofNullable(endAt),
                WalName.fromSegmentNumber(lastInterval.timeline(), lastInterval.last(), size));
    }
}
