package dev.rewind.restore;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a restore: explicit deadlines everywhere (volsync.md §8 "Explicit deadlines everywhere").
 *
 * @param pollInterval    between two reads of a condition being waited for
 * @param leaseDuration   how long the Lease stays valid without renewal
 * @param quiesceTimeout  until no pod mounts the claim
 * @param snapshotTimeout until the safety VolumeSnapshot is readyToUse
 * @param rollbackTimeout until the claim is gone before it is re-created from the safety snapshot
 * @param verifyTimeout   until the workloads are Ready again (POST_VERIFY)
 */
public record RestoreSettings(Duration pollInterval, Duration leaseDuration, Duration quiesceTimeout,
                              Duration snapshotTimeout, Duration rollbackTimeout, Duration verifyTimeout) {
    public RestoreSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(quiesceTimeout, "quiesceTimeout");
        Objects.requireNonNull(snapshotTimeout, "snapshotTimeout");
        Objects.requireNonNull(rollbackTimeout, "rollbackTimeout");
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
    }

    public static RestoreSettings defaults() {
        return new RestoreSettings(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(10));
    }
}
