package dev.rewind.barman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parent links between timelines, from the parsed history files (cnpg-barman.md §4.5). The history of N lists
 * N's whole ancestry, so a path from an ancestor to N is read from N's history alone, as PostgreSQL does.
 */
public final class TimelineGraph {
    private final Map<Long, TimelineHistory> histories;

    public TimelineGraph(Map<Long, TimelineHistory> histories) {
        this.histories = new TreeMap<>(histories);
    }

    public Optional<TimelineHistory> history(long timeline) {
        return Optional.ofNullable(histories.get(timeline));
    }

    public List<Long> timelines() {
        return List.copyOf(histories.keySet());
    }

    /**
     * The hops recovery makes from timeline {@code from} to reach {@code to}: empty list when they are equal, empty
     * Optional when {@code to}'s history is missing or does not descend from {@code from}.
     */
    public Optional<List<TimelineHop>> path(long from, long to) {
        if (from == to) {
            return Optional.of(List.of());
        }
        TimelineHistory history = histories.get(to);
        if (history == null) {
            return Optional.empty();
        }
        List<TimelineHistory.Switch> ancestors = history.ancestors();
        int start = -1;
        for (int i = 0; i < ancestors.size(); i++) {
            if (ancestors.get(i).parentTimeline() == from) {
                start = i;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        var hops = new ArrayList<TimelineHop>();
        for (int i = start; i < ancestors.size(); i++) {
            long child = i + 1 < ancestors.size() ? ancestors.get(i + 1).parentTimeline() : to;
            hops.add(new TimelineHop(ancestors.get(i).parentTimeline(), child, ancestors.get(i).switchLsn()));
        }
        return Optional.of(hops);
    }

    /** The hops out of {@code timeline} to its direct children, read from the children's histories. */
    public List<TimelineHop> childHops(long timeline) {
        var out = new ArrayList<TimelineHop>();
        histories.forEach((tli, history) -> history.parent()
                .filter(p -> p.parentTimeline() == timeline)
                .ifPresent(p -> out.add(new TimelineHop(timeline, tli, p.switchLsn()))));
        return out;
    }
}
