package dev.rewind.verify;

/** How serious a {@link Finding} is. Any {@link #ERROR} makes {@link VerifyReport#hasErrors()} true (exit code 4). */
public enum Severity {
    /** The backup cannot be trusted for a restore: data missing or damaged, backups stale, a suspicious shrink. */
    ERROR,
    /** Worth attention, but the newest complete snapshot is restorable: checkpoints, gaps in older history. */
    WARNING,
    /** For the record only. */
    INFO
}
