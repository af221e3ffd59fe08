package dev.rewind.verify;

import dev.rewind.volsync.CronSchedule;
import dev.rewind.volsync.ReplicationSource;
import dev.rewind.volsync.Retain;
import java.time.Duration;

/**
 * Derives what {@link Verifier} expects of an app's snapshots from its ReplicationSource: the RPO is
 * {@value #INTERVALS_BEFORE_STALE} times the longest gap between two fires of its cron schedule (the same rule as
 * {@code rewind status}), and retention coverage follows its {@code kopia.retain} policy (volsync.md §1.1).
 * Explicit settings of the base policy win.
 */
public final class ReplicationSourcePolicy {
    /** A backup older than this many schedule intervals is stale. */
    public static final int INTERVALS_BEFORE_STALE = 2;

    private ReplicationSourcePolicy() {
    }

    /**
     * {@code base} completed from {@code source}: a max age when the base has none and the source has a schedule,
     * a retention policy when the base has none and the source sets one.
     *
     * @throws dev.rewind.error.RewindException INVALID_INPUT when the source's schedule is not valid cron
     */
    public static VerifyPolicy of(VerifyPolicy base, ReplicationSource source) {
        VerifyPolicy policy = base;
        if (base.maxAge().isEmpty() && source.trigger().schedule().isPresent()) {
            Duration interval = CronSchedule.parse(source.trigger().schedule().get()).maxInterval();
            policy = policy.withMaxAge(interval.multipliedBy(INTERVALS_BEFORE_STALE));
        }
        Retain retain = source.kopia().retain();
        if (base.retain().isEmpty() && (retain.hourly().isPresent() || retain.daily().isPresent()
                || retain.weekly().isPresent() || retain.monthly().isPresent() || retain.yearly().isPresent())) {
            policy = policy.withRetain(new VerifyPolicy.RetainPolicy(retain.hourly().orElse(0),
                    retain.daily().orElse(0), retain.weekly().orElse(0), retain.monthly().orElse(0),
                    retain.yearly().orElse(0)));
        }
        return policy;
    }
}
