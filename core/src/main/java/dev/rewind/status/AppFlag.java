package dev.rewind.status;

/** Something about an app an operator should look at. */
public enum AppFlag {
    /** The newest backup is older than the policy's number of schedule intervals. */
    STALE,
    /** No backup at all (none in the repository, or no {@code lastSyncTime}). */
    NO_BACKUP,
    /** {@code latestMoverStatus.result} is Failed. */
    MOVER_FAILED,
    /** {@code spec.paused} on the RS: its status is not trustworthy and nothing is backed up. */
    PAUSED,
    /** {@code spec.trigger.manual} is set on the RS: the schedule is disabled (volsync.md §6.2). */
    LEFTOVER_MANUAL_TRIGGER,
    /** An RD still carries {@code restoreAsOf} or {@code previous}: the next bootstrap restores an old snapshot. */
    LEFTOVER_RESTORE_SELECTOR,
    /** A Flux Kustomization or HelmRelease owning the app is suspended. */
    FLUX_SUSPENDED,
    /** The repository could not be read; the evidence is the RS status only. */
    REPOSITORY_UNREACHABLE,
    /** The RS's schedule cannot be parsed. */
    INVALID_SCHEDULE,
    /** The app could not be assembled (e.g. its repository Secret is missing). */
    UNRESOLVED
}
