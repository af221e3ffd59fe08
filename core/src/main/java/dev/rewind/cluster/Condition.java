package dev.rewind.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A standard {@code metav1.Condition} as reported in the status of Volsync, CNPG and Flux objects.
 *
 * @param type               e.g. {@code Synchronizing}, {@code ContinuousArchiving}, {@code Ready}
 * @param status             {@code True}, {@code False} or {@code Unknown}
 * @param reason             machine-readable reason, may be empty
 * @param message            human-readable message, may be empty
 * @param lastTransitionAt   when the status last changed, if reported
 */
public record Condition(String type, String status, String reason, String message, Optional<Instant> lastTransitionAt) {
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        reason = Objects.requireNonNullElse(reason, "");
        message = Objects.requireNonNullElse(message, "");
        Objects.requireNonNull(lastTransitionAt, "lastTransitionAt");
    }

    /** {@code status == "True"}. */
    public boolean isTrue() {
        return "True".equals(status);
    }

    /** The first condition of the given type in the list, if any. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
