package dev.rewind.volsync;

/** Which trigger is in force, after the state machine's precedence rule (volsync.md §1.1, §2.6). */
public enum TriggerMode {
    /** {@code trigger.manual} is non-empty: it overrides any schedule. */
    MANUAL,
    /** Only {@code trigger.schedule} is set. */
    SCHEDULE,
    /** No trigger at all: a new sync starts right after each completed one. */
    CONTINUOUS
}
