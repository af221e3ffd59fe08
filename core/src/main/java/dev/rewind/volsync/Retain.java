package dev.rewind.volsync;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@code kopia.retain} (volsync.md §1.1): applied after every backup with {@code kopia policy set}; {@code yearly}
 * becomes {@code --keep-annual}. Always set on path {@code /data}, even with a {@code sourcePathOverride}.
 */
public record Retain(OptionalInt hourly, OptionalInt daily, OptionalInt weekly, OptionalInt monthly,
                     OptionalInt yearly, OptionalInt latest) {
    public Retain {
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(weekly, "weekly");
        Objects.requireNonNull(monthly, "monthly");
        Objects.requireNonNull(yearly, "yearly");
        Objects.requireNonNull(latest, "latest");
    }

    public static Retain none() {
        OptionalInt e = OptionalInt.empty();
        return new Retain(e, e, e, e, e, e);
    }
}
