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
 */
public record AppRestoreSettings(WaitPolicy untilHealthy, WaitPolicy untilBackedUp, Duration leaseDuration) {
    public AppRestoreSettings {
        Objects.requireNonNull(untilHealthy, "untilHealthy");
        Objects.requireNonNull(untilBackedUp, "untilBackedUp");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
    }

    public static AppRestoreSettings defaults() {
        return new AppRestoreSettings(WaitPolicy.of(Duration.ofHours(1)), WaitPolicy.of(Duration.ofHours(1)),
                Duration.ofMinutes(2));
    }
}
