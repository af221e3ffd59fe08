package dev.rewind.verify;

import java.time.Duration;

/** Formats durations for one-line reasons: {@code 2d3h}, {@code 5h12m}, {@code 42s}. */
public final class Durations {
    private Durations() {
    }

    public static String text(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        return minutes > 0 ? minutes + "m" + (seconds % 60 > 0 ? seconds % 60 + "s" : "") : seconds + "s";
    }
}
