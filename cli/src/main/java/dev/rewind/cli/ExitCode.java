package dev.rewind.cli;

import dev.rewind.error.Reason;

/**
 * The exit-code contract of the {@code rewind} CLI (DESIGN.md §6, docs/exit-codes.md). Scripts rely on these numbers:
 * never renumber a code, only add new ones.
 *
 * <p>{@link #of(Reason)} is the one mapping from a core failure to an exit code.
 */
public enum ExitCode {
    SUCCESS(0, "success"),
    INTERNAL_ERROR(1, "internal error (a bug): rerun with --debug and report the stack trace"),
    INVALID_INPUT(2, "invalid usage or input: bad flag, bad/future timestamp, wrong password"),
    NOT_FOUND(3, "not found: no such app, no snapshot at or before the requested time"),
    PROBLEMS_FOUND(4, "verification found problems, or corrupt backup data was found"),
    PARTIAL(5, "partial: the operation finished but a step failed"),
    UNAVAILABLE(6, "unavailable: API server, S3, credentials; or the app is locked (busy)"),
    TIMEOUT(7, "timeout: the wait ended while the operation continues"),
    UNSUPPORTED(8, "unsupported: a Kopia format feature rewind does not implement"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** One line (at most 72 characters, to fit an 80-column help footer) for the help and docs/exit-codes.md. */
    public String meaning() {
        return meaning;
    }

    /**
     * Maps a failure reason to its exit code. {@code WRONG_PASSWORD} is bad input (2); {@code CORRUPT} data is a
     * verification-like problem (4); {@code CONFLICT} (another operation holds the app's lock) is a temporary
     * unavailability that a retry later may resolve (6).
     */
    public static ExitCode of(Reason reason) {
        return switch (reason) {
            case INVALID_INPUT, WRONG_PASSWORD -> INVALID_INPUT;
            case NOT_FOUND -> NOT_FOUND;
            case CORRUPT -> PROBLEMS_FOUND;
            case PARTIAL -> PARTIAL;
            case UNAVAILABLE, CONFLICT -> UNAVAILABLE;
            case TIMEOUT -> TIMEOUT;
            case UNSUPPORTED -> UNSUPPORTED;
            case INTERRUPTED -> INTERRUPTED;
            case INTERNAL -> INTERNAL_ERROR;
        };
    }

    /** The help footer: a heading and one aligned line per code. */
    static String[] helpFooter() {
        var lines = new String[values().length + 2];
        lines[0] = "";
        lines[1] = "Exit codes:";
        for (ExitCode exit : values()) {
            lines[exit.ordinal() + 2] = String.format("  %3d  %s", exit.code, exit.meaning);
        }
        return lines;
    }
}
