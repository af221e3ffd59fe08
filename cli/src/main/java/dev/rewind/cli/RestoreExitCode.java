package dev.rewind.cli;

import dev.rewind.error.Reason;
import dev.rewind.restore.RestoreOutcome;

/**
 * The exit code of a (volume or whole-app) restore run, documented in docs/exit-codes.md: success 0; a failure
 * after the app was resumed (or rolled back and resumed) the code of its reason; a run that stopped with its journal
 * kept — Flux may still be suspended and the app scaled down — always 5, so scripts cannot mistake it for a clean
 * failure; Ctrl-C 130.
 */
final class RestoreExitCode {
    private RestoreExitCode() {
    }

    static int of(RestoreOutcome outcome) {
        return switch (outcome) {
            case RestoreOutcome.Succeeded s -> ExitCode.SUCCESS.code();
            case RestoreOutcome.Failed f -> ExitCode.of(f.reason()).code();
            case RestoreOutcome.RolledBack r -> ExitCode.of(r.reason()).code();
            case RestoreOutcome.Interrupted i -> i.reason() == Reason.INTERRUPTED ? ExitCode.INTERRUPTED.code()
                    : ExitCode.PARTIAL.code();
        };
    }

    /** Whether the run left a journal to finish: the operator must run {@code --resume} or {@code --abort}. */
    static boolean leftJournal(RestoreOutcome outcome) {
        return outcome instanceof RestoreOutcome.Interrupted;
    }
}
