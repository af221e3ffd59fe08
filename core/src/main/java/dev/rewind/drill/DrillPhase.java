package dev.rewind.drill;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases of a restore drill with their allowed transitions. The outcome is a separate field
 * ({@link DrillOutcome}).
 *
 * <pre>
 * PLAN → PREPARE → RESTORE → CHECK → CLEANUP
 *        PREPARE, RESTORE, CHECK (any failure) → CLEANUP
 * </pre>
 * PLAN reads only (a refusal there changes nothing); every path after it ends in CLEANUP.
 */
public enum DrillPhase {
    /** Find the app, check the RBAC permissions, pin the snapshot; reads only. */
    PLAN,
    /** The sandbox namespace (if absent), the copied repository Secret, the scratch claim. */
    PREPARE,
    /** The temporary ReplicationDestination restores the pinned snapshot into the scratch claim. */
    RESTORE,
    /** A checker pod counts the restored files and bytes (and runs the optional check command). */
    CHECK,
    /** Delete everything the drill created, also after a failure. */
    CLEANUP;

    /** The phases this one may hand over to. */
    public Set<DrillPhase> next() {
        return switch (this) {
            case PLAN -> EnumSet.of(PREPARE, CLEANUP);
            case PREPARE -> EnumSet.of(RESTORE, CLEANUP);
            case RESTORE -> EnumSet.of(CHECK, CLEANUP);
            case CHECK -> EnumSet.of(CLEANUP);
            case CLEANUP -> EnumSet.noneOf(DrillPhase.class);
        };
    }

    public boolean canMoveTo(DrillPhase target) {
        return next().contains(target);
    }
}
