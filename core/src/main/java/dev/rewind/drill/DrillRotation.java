package dev.rewind.drill;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the generation a scheduled drill proves, deterministically: the cycle is {@link DrillGeneration#NEWEST} →
 * {@link DrillGeneration#DAILY} → {@link DrillGeneration#WEEKLY} → NEWEST. After a drill of a cycle generation
 * the next one follows; without such a drill (first run, or only operator-chosen drills) the position comes from the
 * injected clock: the UTC day number since 1970-01-01 modulo 3 (so a daily schedule rotates even without history).
 * Thread-safe.
 */
public final class DrillRotation {
    /** The order of the rotation. */
    public static final List<DrillGeneration> CYCLE = List.of(DrillGeneration.NEWEST, DrillGeneration.DAILY,
            DrillGeneration.WEEKLY);

    private final Clock clock;

    public DrillRotation(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The generation after {@code lastDrilled} (the generation of the app's previous drill, if any). */
    public DrillGeneration next(Optional<DrillGeneration> lastDrilled) {
        return lastDrilled.filter(CYCLE::contains)
                .map(g -> CYCLE.get((CYCLE.indexOf(g) + 1) % CYCLE.size()))
                .orElseGet(this::ofToday);
    }

    /** The generation of today's UTC date: day number modulo 3 in {@link #CYCLE}. */
    public DrillGeneration ofToday() {
        long day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        return CYCLE.get((int) Math.floorMod(day, (long) CYCLE.size()));
    }
}
