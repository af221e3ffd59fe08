package dev.rewind.restore;

import dev.rewind.app.ClusterActions;
import dev.rewind.app.LeaseRecord;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-app Lease {@code rewind-restore-<app>} (volsync.md §8.0): one holder at a time. A Lease whose holder has
 * not renewed it within its duration is taken over (the holder died); a live one refuses with CONFLICT.
 * The whole-app restore holds its own Lease through {@link #named}. Not thread-safe: one instance per run.
 */
public final class RestoreLock {
    private final ClusterActions cluster;
    private final Clock clock;
    private final String holder;
    private final Duration duration;
    private final String namespace;
    private final String name;
    private final String subject;
    private LeaseRecord held;

    RestoreLock(ClusterActions cluster, Clock clock, String holder, Duration duration, String namespace, String app) {
        this(cluster, clock, holder, duration, namespace, RestoreNames.journal(app), "restore of " + namespace + "/"
                + app);
    }

    private RestoreLock(ClusterActions cluster, Clock clock, String holder, Duration duration, String namespace,
                        String name, String subject) {
        this.cluster = cluster;
        this.clock = clock;
        this.holder = holder;
        this.duration = duration;
        this.namespace = namespace;
        this.name = name;
        this.subject = subject;
    }

    /**
     * A lock on Lease {@code namespace/leaseName} held by a random holder id; {@code subject} (e.g. "whole-app
     * restore of ns/app") names it in messages.
     */
    public static RestoreLock named(ClusterActions cluster, Clock clock, java.util.random.RandomGenerator random,
                                    Duration duration, String namespace, String leaseName, String subject) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        return new RestoreLock(cluster, clock, "rewind-" + java.util.HexFormat.of().formatHex(id), duration,
                namespace, leaseName, subject);
    }

    /** Acquires the lock and runs {@code opening} under it; releases it if {@code opening} fails. */
    public <T> T acquireFor(java.util.function.Supplier<T> opening) {
        acquire();
        try {
            return opening.get();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    public void acquire() {
        Instant now = clock.instant();
        Optional<LeaseRecord> existing = cluster.findLease(namespace, name);
        if (existing.isPresent() && !existing.get().holder().equals(holder) && !existing.get().expiredAt(now)) {
            LeaseRecord other = existing.get();
            throw new RewindException(Reason.CONFLICT, "another " + subject + " holds Lease " + namespace + "/"
                    + name + " (holder " + other.holder() + ", renewed " + other.renewedAt() + ")",
                    "wait for it; if that run died, its lease expires at " + other.renewedAt().plus(other.duration())
                            + ", then use --resume or --abort", null);
        }
        held = cluster.writeLease(new LeaseRecord(namespace, name, holder, now, duration,
                existing.flatMap(LeaseRecord::resourceVersion)));
    }

    /** Renews if a third of the duration has passed. */
    public void renewIfDue() {
        Instant now = clock.instant();
        if (held != null && !held.renewedAt().plus(duration.dividedBy(3)).isAfter(now)) {
            held = cluster.writeLease(new LeaseRecord(namespace, name, holder, now, duration, held.resourceVersion()));
        }
    }

    /** Best effort: a lease that cannot be deleted simply expires. */
    public void release() {
        if (held == null) {
            return;
        }
        try {
            cluster.deleteLease(namespace, name);
        } catch (RuntimeException e) {
            // the lease expires by itself after its duration
        }
        held = null;
    }

}
