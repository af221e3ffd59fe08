package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Which snapshot to restore; resolved against the repository itself, never by Volsync (volsync.md §8.1 step 2). */
public sealed interface SnapshotSelector {

    /** The newest complete snapshot. */
    record Newest() implements SnapshotSelector { }

    /** The n-th complete snapshot before the newest (0 = newest), like Volsync's {@code previous}. */
    record Previous(int n) implements SnapshotSelector {
        public Previous {
            if (n < 0) {
                throw new RewindException(Reason.INVALID_INPUT, "previous must be 0 or more, got " + n);
            }
        }
    }

    /** The newest complete snapshot that started at or before the instant (Volsync's {@code restoreAsOf}, §2.3). */
    record AsOf(Instant at) implements SnapshotSelector {
        public AsOf {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A snapshot by manifest id or unique prefix. */
    record ById(String id) implements SnapshotSelector {
        public ById {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Builds a selector from command-line style options: at most one of timestamp, previous and id.
     *
     * @throws RewindException INVALID_INPUT when several are given
     */
    static SnapshotSelector of(Optional<Instant> timestamp, Optional<Integer> previous, Optional<String> id) {
        int given = (timestamp.isPresent() ? 1 : 0) + (previous.isPresent() ? 1 : 0) + (id.isPresent() ? 1 : 0);
        if (given > 1) {
            throw new RewindException(Reason.INVALID_INPUT, "choose one of timestamp, previous and snapshot id"
                    + " (got " + (timestamp.isPresent() ? "timestamp " : "") + (previous.isPresent() ? "previous " : "")
                    + (id.isPresent() ? "snapshot id" : "").trim() + ")",
                    "a timestamp already selects the newest snapshot at or before it", null);
        }
        if (timestamp.isPresent()) {
            return new AsOf(timestamp.get());
        }
        if (previous.isPresent()) {
            return new Previous(previous.get());
        }
        return id.<SnapshotSelector>map(ById::new).orElseGet(Newest::new);
    }
}
