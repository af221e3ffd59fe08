package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * A gate of volsync.md §8.1 failed: the evidence says the restore must not go on (as opposed to an infrastructure
 * failure, which leaves the journal for resume/abort). Leads to ROLLBACK.
 */
final class RestoreGateException extends RewindException {
    RestoreGateException(Reason reason, String message) {
        super(reason, message);
    }
}
