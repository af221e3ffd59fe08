package dev.rewind.cli;

import dev.rewind.drill.DrillOutcome;
import dev.rewind.error.Reason;

/** The exit code of a drill that ran (docs/exit-codes.md): a bad backup is 4, anything else its reason's code. */
final class DrillExitCode {
    private DrillExitCode() {
    }

    /**
     * A failed restore gate (RESTORE PARTIAL: restored nothing, another snapshot or identity, a new empty
     * repository) and a CHECK that found missing or different data (CORRUPT, PARTIAL) are findings about the backup
     * (4), like verify; every other failure (PREPARE UNAVAILABLE, a RESTORE or CHECK TIMEOUT, an unreachable checker, an interruption, cleanup
     * trouble) exits with the code of its reason ({@link ExitCode#of}).
     */
    static ExitCode of(DrillOutcome outcome) {
        return switch (outcome) {
            case DrillOutcome.Passed p -> ExitCode.SUCCESS;
            case DrillOutcome.Failed f when isFinding(f) -> ExitCode.PROBLEMS_FOUND;
            case DrillOutcome.Failed f -> ExitCode.of(f.reason());
        };
    }

    private static boolean isFinding(DrillOutcome.Failed failed) {
        boolean backupReason = failed.reason() == Reason.CORRUPT || failed.reason() == Reason.PARTIAL;
        return switch (failed.phase()) {
            case RESTORE, CHECK -> backupReason;
            case PLAN, PREPARE, CLEANUP -> false;
        };
    }
}
