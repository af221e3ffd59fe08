package dev.rewind.volsync;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code spec.trigger} of a ReplicationSource or ReplicationDestination (volsync.md §1.1, §2.6). Both fields may be
 * set at once; a non-empty {@code manual} tag then wins and scheduled syncs stop.
 *
 * @param schedule cron (5 fields) or a descriptor such as {@code @hourly}
 * @param manual   the manual tag; a sync runs when it differs from {@code status.lastManualSync}
 */
public record Trigger(Optional<String> schedule, Optional<String> manual) {
    public Trigger {
        schedule = Objects.requireNonNull(schedule, "schedule").filter(s -> !s.isEmpty());
        manual = Objects.requireNonNull(manual, "manual").filter(s -> !s.isEmpty());
    }

    public static Trigger none() {
        return new Trigger(Optional.empty(), Optional.empty());
    }

    public static Trigger schedule(String cron) {
        return new Trigger(Optional.of(cron), Optional.empty());
    }

    public static Trigger manual(String tag) {
        return new Trigger(Optional.empty(), Optional.of(tag));
    }

    /** The trigger in force: manual over schedule over none. */
    public TriggerMode mode() {
        if (manual.isPresent()) {
            return TriggerMode.MANUAL;
        }
        return schedule.isPresent() ? TriggerMode.SCHEDULE : TriggerMode.CONTINUOUS;
    }
}
