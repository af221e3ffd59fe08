package dev.rewind.restore;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases of a restore (volsync.md §8.1) with their allowed transitions. The outcome is a separate field
 * ({@link RestoreOutcome}): a phase says where a restore is, not how it ended.
 *
 * <pre>
 * PREFLIGHT → LIST_SNAPSHOTS → QUIESCE → SAFETY_POINT → RESTORE → CLEANUP → RESUME → POST_VERIFY
 *                               QUIESCE, SAFETY_POINT, RESTORE, CLEANUP → ROLLBACK → RESUME
 *                               QUIESCE, SAFETY_POINT → RESUME (a failure before any data was touched)
 * </pre>
 * ROLLBACK and every failure after QUIESCE end in RESUME, so Flux and the ReplicationSource are never left suspended.
 */
public enum RestorePhase {
    PREFLIGHT,
    LIST_SNAPSHOTS,
    QUIESCE,
    SAFETY_POINT,
    RESTORE,
    CLEANUP,
    RESUME,
    POST_VERIFY,
    ROLLBACK;

    /** The phases this one may hand over to. */
    public Set<RestorePhase> next() {
        return switch (this) {
            case PREFLIGHT -> EnumSet.of(LIST_SNAPSHOTS);
            case LIST_SNAPSHOTS -> EnumSet.of(QUIESCE);
            case QUIESCE -> EnumSet.of(SAFETY_POINT, ROLLBACK, RESUME);
            case SAFETY_POINT -> EnumSet.of(RESTORE, ROLLBACK, RESUME);
            case RESTORE -> EnumSet.of(CLEANUP, ROLLBACK);
            case CLEANUP -> EnumSet.of(RESUME, ROLLBACK);
            case ROLLBACK -> EnumSet.of(RESUME);
            case RESUME -> EnumSet.of(POST_VERIFY);
            case POST_VERIFY -> EnumSet.noneOf(RestorePhase.class);
        };
    }

    public boolean canMoveTo(RestorePhase target) {
        return next().contains(target);
    }

    /** Whether this phase runs only after the cluster has been changed (a journal exists). */
    public boolean mutates() {
        return this != PREFLIGHT && this != LIST_SNAPSHOTS;
    }

    /**
     * Whether the application's volume may have been written by the time this phase has started: from RESTORE on the
     * temporary ReplicationDestination may be (or have been) writing into the claim.
     */
    public boolean mayHaveTouchedData() {
        return this == RESTORE || this == CLEANUP;
    }
}
