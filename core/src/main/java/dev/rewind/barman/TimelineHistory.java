package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A timeline history file {@code 0000000N.history}: one line per ancestor, {@code parentTLI<TAB>switchLSN<TAB>reason},
 * the last line naming the direct parent of N and the LSN at which N branched off (cnpg-barman.md §3.3). Blank lines
 * and {@code #} comments are ignored.
 */
public record TimelineHistory(long timeline, List<Switch> ancestors) {

    /** One ancestor: timeline {@code parentTimeline} ended (and its child began) at {@code switchLsn}. */
    public record Switch(long parentTimeline, Lsn switchLsn, String reason) {
    }

    public TimelineHistory {
        ancestors = List.copyOf(ancestors);
    }

    /** Parses the (decompressed) text of timeline {@code timeline}'s history; {@code source} names it in errors. */
    public static TimelineHistory parse(long timeline, String text, String source) {
        var ancestors = new ArrayList<Switch>();
        int lineNumber = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 3);
            try {
                long parent = Long.parseLong(parts[0]);
                Lsn lsn = Lsn.parse(parts[1]);
                if (parent < 1 || parent >= timeline) {
                    throw new RewindException(Reason.CORRUPT, source + " line " + lineNumber + " names parent timeline "
                            + parent + ", which is not older than timeline " + timeline);
                }
                ancestors.add(new Switch(parent, lsn, parts.length > 2 ? parts[2] : ""));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new RewindException(Reason.CORRUPT, source + " line " + lineNumber
                        + " is not 'parentTLI<TAB>switchLSN<TAB>reason'", e);
            } catch (RewindException e) {
                if (e.reason() == Reason.CORRUPT) {
                    throw e;
                }
                throw new RewindException(Reason.CORRUPT, source + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (ancestors.isEmpty() && timeline > 1) {
            throw new RewindException(Reason.CORRUPT, source + " names no parent timeline");
        }
        return new TimelineHistory(timeline, ancestors);
    }

    /** The direct parent switch (the last line), empty only for timeline 1. */
    public Optional<Switch> parent() {
        return ancestors.isEmpty() ? Optional.empty() : Optional.of(ancestors.get(ancestors.size() - 1));
    }
}
