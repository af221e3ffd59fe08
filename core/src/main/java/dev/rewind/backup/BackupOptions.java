package dev.rewind.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link VolsyncBackup} waits.
 *
 * @param timeout      how long to wait for the manual sync to complete (Volsync itself never gives up, §4.4)
 * @param pollInterval pause between two GETs of the ReplicationSource
 * @param followLogs   read the mover pod's {@code kopia} container log while waiting and report new lines
 * @param clockSkew    tolerance between this machine's clock and the mover's when matching the new snapshot's
 *                     start time against the trigger time
 */
public record BackupOptions(Duration timeout, Duration pollInterval, boolean followLogs, Duration clockSkew) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(1);

    public BackupOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()
                || clockSkew.isNegative()) {
            throw new IllegalArgumentException("timeout and pollInterval must be positive, clockSkew not negative");
        }
    }

    public static BackupOptions defaults() {
        return new BackupOptions(DEFAULT_TIMEOUT, DEFAULT_POLL_INTERVAL, false, DEFAULT_CLOCK_SKEW);
    }

    public BackupOptions withTimeout(Duration value) {
        return new BackupOptions(value, pollInterval, followLogs, clockSkew);
    }

    public BackupOptions withFollowLogs(boolean value) {
        return new BackupOptions(timeout, pollInterval, value, clockSkew);
    }
}
