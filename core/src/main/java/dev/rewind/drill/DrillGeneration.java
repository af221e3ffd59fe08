package dev.rewind.drill;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which generation of backups a drill proves. Rotating through {@link #NEWEST}, {@link #DAILY} and {@link #WEEKLY}
 * ({@link DrillRotation}) proves old snapshots too, not only the one written last night.
 */
public enum DrillGeneration {
    /** The newest complete snapshot. */
    NEWEST(Optional.of(Duration.ZERO)),
    /**
     * The newest complete snapshot that started at least one day before the drill (what a daily retention keeps);
     * the oldest complete snapshot when none is that old.
     */
    DAILY(Optional.of(Duration.ofDays(1))),
    /** As {@link #DAILY} with at least seven days. */
    WEEKLY(Optional.of(Duration.ofDays(7))),
    /** Chosen by the operator ({@code --snapshot} or {@code --as-of}); never picked by the rotation. */
    CHOSEN(Optional.empty());

    private final Optional<Duration> minimumAge;

    DrillGeneration(Optional<Duration> minimumAge) {
        this.minimumAge = minimumAge;
    }

    /** How old the snapshot must at least be; empty for {@link #CHOSEN}. */
    public Optional<Duration> minimumAge() {
        return minimumAge;
    }

    /** The label in metrics, JSON and on the command line: {@code newest}, {@code daily}, {@code weekly}, {@code chosen}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code newest}, {@code daily} or {@code weekly} (case-insensitive).
     *
     * @throws RewindException INVALID_INPUT naming the text otherwise
     */
    public static DrillGeneration parse(String text) {
        return Arrays.stream(values()).filter(g -> g != CHOSEN && g.label().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new RewindException(Reason.INVALID_INPUT, "unknown drill generation '" + text
                        + "': expected one of " + Arrays.stream(values()).filter(g -> g != CHOSEN)
                        .map(DrillGeneration::label).collect(Collectors.joining(", "))));
    }
}
