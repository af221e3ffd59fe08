package dev.rewind.restore.wholeapp;

import dev.rewind.pg.WaitPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the database stage of a whole-app restore.
 *
 * @param untilHealthy  how long the recovery Cluster may take to become healthy
 * @param untilBackedUp how long its first backup may take
 * @param leaseDuration validity of the Lease {@code rewind-apprestore-<app>} without renewal
 * @param switchHold    after the app resumed, how long (and how often) every switched location is re-read to see
 *                      whether a controller reverted it ({@link #DEFAULT_SWITCH_HOLD})
 */
public record AppRestoreSettings(WaitPolicy untilHealthy, WaitPolicy untilBackedUp, Duration leaseDuration,
                                 WaitPolicy switchHold) {
    /**
     * External Secrets re-renders a changed Secret within seconds; Flux applies within the reconcile rewind requested
     * at RESUME, which usually completes within a minute.
     */
    public static final WaitPolicy DEFAULT_SWITCH_HOLD = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60));

    public AppRestoreSettings {
        Objects.requireNonNull(untilHealthy, "untilHealthy");
        Objects.requireNonNull(untilBackedUp, "untilBackedUp");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(switchHold, "switchHold");
    }

    /** With the {@link #DEFAULT_SWITCH_HOLD}. */
    public AppRestoreSettings(WaitPolicy untilHealthy, WaitPolicy untilBackedUp, Duration leaseDuration) {
        this(untilHealthy, untilBackedUp, leaseDuration, DEFAULT_SWITCH_HOLD);
    }

    public static AppRestoreSettings defaults() {
        return new AppRestoreSettings(WaitPolicy.of(Duration.ofHours(1)), WaitPolicy.of(Duration.ofHours(1)),
                Duration.ofMinutes(2));
    }
}
