package dev.rewind.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and image of a drill.
 *
 * @param pollInterval between two reads of a condition being waited for
 * @param checkTimeout until the checker pod has terminated
 * @param checkerImage the checker pod's image: needs {@code sh}, {@code find}, {@code stat}, {@code wc}, {@code awk}
 *                     (busybox has them all)
 */
public record DrillSettings(Duration pollInterval, Duration checkTimeout, String checkerImage) {
    public static final String DEFAULT_CHECKER_IMAGE = "busybox:1.37";

    public DrillSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(checkerImage, "checkerImage");
    }

    public static DrillSettings defaults() {
        return new DrillSettings(Duration.ofSeconds(2), Duration.ofMinutes(10), DEFAULT_CHECKER_IMAGE);
    }
}
