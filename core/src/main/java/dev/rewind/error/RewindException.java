package dev.rewind.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type that crosses layer boundaries. It carries a {@link Reason} (mapped to an exit code or an
 * HTTP status by the front-ends), a one-line message meant for an operator, and an optional hint.
 *
 * <p>Messages never contain secrets (passwords, access keys, derived keys).
 */
public class RewindException extends RuntimeException {
    private final Reason reason;
    private final String hint;

    public RewindException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public RewindException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    public RewindException(Reason reason, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = hint;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
