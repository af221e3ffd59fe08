package dev.rewind.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code coordination.k8s.io/v1} Lease as a lock: who holds it and until when.
 *
 * @param namespace       Lease namespace
 * @param name            Lease name
 * @param holder          {@code spec.holderIdentity}
 * @param renewedAt       {@code spec.renewTime}
 * @param duration        {@code spec.leaseDurationSeconds}
 * @param resourceVersion the version read (empty for a Lease not yet created); updates are conditional on it
 */
public record LeaseRecord(String namespace, String name, String holder, Instant renewedAt, Duration duration,
                          Optional<String> resourceVersion) {
    public LeaseRecord {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(renewedAt, "renewedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
    }

    /** Whether the holder's claim has lapsed at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !renewedAt.plus(duration).isAfter(now);
    }
}
