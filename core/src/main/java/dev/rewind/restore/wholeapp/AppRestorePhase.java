package dev.rewind.restore.wholeapp;

import java.util.EnumSet;
import java.util.Set;

/**
 * The stages of a whole-app restore (volume and database to one point in time), with their allowed transitions:
 *
 * <pre>
 * PREFLIGHT → PLAN → RECOVER_DATABASE → RESTORE_VOLUME → SWITCH_CONNECTION → RESUME_APP → COMPLETE
 * RECOVER_DATABASE, RESTORE_VOLUME, SWITCH_CONNECTION, RESUME_APP → SWITCH_BACK → COMPLETE
 * </pre>
 * RESTORE_VOLUME runs the volume restore's own state machine ({@link dev.rewind.restore.RestorePhase}); its RESUME
 * phase, with the app still scaled to 0, performs SWITCH_CONNECTION before scaling back (RESUME_APP). SWITCH_BACK
 * restores the journalled hosts (abort, or a volume restore that rolled back) and leaves the new cluster for
 * inspection.
 */
public enum AppRestorePhase {
    PREFLIGHT,
    PLAN,
    RECOVER_DATABASE,
    RESTORE_VOLUME,
    SWITCH_CONNECTION,
    RESUME_APP,
    SWITCH_BACK,
    COMPLETE;

    /** The stages this one may hand over to. */
    public Set<AppRestorePhase> next() {
        return switch (this) {
            case PREFLIGHT -> EnumSet.of(PLAN);
            case PLAN -> EnumSet.of(RECOVER_DATABASE);
            case RECOVER_DATABASE -> EnumSet.of(RESTORE_VOLUME, SWITCH_BACK);
            case RESTORE_VOLUME -> EnumSet.of(SWITCH_CONNECTION, SWITCH_BACK);
            case SWITCH_CONNECTION -> EnumSet.of(RESUME_APP, SWITCH_BACK);
            case RESUME_APP -> EnumSet.of(COMPLETE, SWITCH_BACK);
            case SWITCH_BACK -> EnumSet.of(COMPLETE);
            case COMPLETE -> EnumSet.noneOf(AppRestorePhase.class);
        };
    }

    public boolean canMoveTo(AppRestorePhase target) {
        return next().contains(target);
    }
}
