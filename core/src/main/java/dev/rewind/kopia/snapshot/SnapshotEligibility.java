package dev.rewind.kopia.snapshot;

/**
 * Which snapshots of a source take part in a selection (kopia-format.md §6.4, §11.7).
 */
public enum SnapshotEligibility {
    /**
     * Every snapshot, incomplete checkpoints included — what {@code kopia snapshot list --json} returns and therefore
     * what Volsync's mover selects from (volsync.md §2.3, kopia-format.md §6.4). Use this to predict exactly which
     * snapshot a ReplicationDestination with {@code restoreAsOf}/{@code previous} will restore.
     */
    ALL,
    /**
     * Complete snapshots only — kopia's own {@code snapshot restore --snapshot-time} candidates. Use this to choose a
     * snapshot worth restoring.
     */
    COMPLETE_ONLY;

    boolean admits(SnapshotManifest snapshot) {
        return switch (this) {
            case ALL -> true;
            case COMPLETE_ONLY -> snapshot.isComplete();
        };
    }
}
