package dev.rewind.storage;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/** A failure of a {@link BlobStore} operation, already translated from the backend's own exception. */
public class StorageException extends RewindException {
    private final boolean retryable;

    public StorageException(Reason reason, String message, boolean retryable, String hint, Throwable cause) {
        super(reason, message, hint, cause);
        this.retryable = retryable;
    }

    public StorageException(Reason reason, String message, boolean retryable) {
        this(reason, message, retryable, null, null);
    }

    /** True when the same request may succeed later (5xx, throttling, timeouts, connection resets). */
    public boolean retryable() {
        return retryable;
    }
}
