package dev.rewind.restore;

import dev.rewind.kopia.snapshot.SnapshotManifest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the Volsync Kopia mover will select for a {@code restoreAsOf}/{@code previous} pair — a hand-written
 * reproduction of the fork's {@code select_snapshot_to_restore} (volsync.md §2.3): kopia's list (oldest first by
 * start time, incomplete snapshots included) reversed, filtered by {@code startTime <= restoreAsOf} compared <em>as
 * strings</em>, then element {@code [previous]}. rewind uses it to prove that pinning a snapshot by its exact start
 * time really selects that snapshot (a later snapshot in the same second with a fractional part,
 * {@code …:00.5Z} ≤ {@code …:00Z}, would win the lexical comparison).
 */
final class MoverSelection {
    private MoverSelection() {
    }

    /** The snapshot the mover would restore, or empty ("No eligible snapshots found", §2.5). */
    static Optional<SnapshotManifest> select(List<SnapshotManifest> snapshotsOfSource, String restoreAsOf,
                                             int previous) {
        List<SnapshotManifest> newestFirst = snapshotsOfSource.stream()
                .sorted(Comparator.comparing(SnapshotManifest::startAt).reversed())
                .filter(s -> s.startTimeText().compareTo(restoreAsOf) <= 0)
                .toList();
        return previous < newestFirst.size() ? Optional.of(newestFirst.get(previous)) : Optional.empty();
    }
}
