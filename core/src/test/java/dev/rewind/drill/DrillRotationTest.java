package dev.rewind.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillRotationTest {
    private static DrillRotation at(String instant) {
        return new DrillRotation(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void afterADrillTheNextGenerationOfTheCycleFollows() {
        DrillRotation rotation = at("2026-11-30T03:00:00Z");

        assertThat(rotation.next(Optional.of(DrillGeneration.NEWEST))).isEqualTo(DrillGeneration.DAILY);
        assertThat(rotation.next(Optional.of(DrillGeneration.DAILY))).isEqualTo(DrillGeneration.WEEKLY);
        assertThat(rotation.next(Optional.of(DrillGeneration.WEEKLY))).isEqualTo(DrillGeneration.NEWEST);
    }

    @Test
    void withoutHistoryTheUtcDayPicksTheGeneration() {
        // 2026-11-30 is day 20787 since 1970-01-01: 20787 % 3 = 0 → newest; the next days daily, weekly, newest
        assertThat(at("2026-11-30T00:00:00Z").next(Optional.empty())).isEqualTo(DrillGeneration.NEWEST);
        assertThat(at("2026-12-01T23:59:59Z").next(Optional.empty())).isEqualTo(DrillGeneration.DAILY);
        assertThat(at("2026-12-02T12:00:00Z").next(Optional.empty())).isEqualTo(DrillGeneration.WEEKLY);
        assertThat(at("2026-12-03T12:00:00Z").next(Optional.of(DrillGeneration.CHOSEN)))
                .isEqualTo(DrillGeneration.NEWEST);
    }

    @Test
    void generationsParseByLabelOnly() {
        assertThat(DrillGeneration.parse("Weekly")).isEqualTo(DrillGeneration.WEEKLY);
        assertThatThrownBy(() -> DrillGeneration.parse("chosen")).isInstanceOfSatisfying(RewindException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("'chosen'").contains("newest, daily, weekly");
                });
    }

    @Test
    void selectionTakesAtMostOneChoice() {
        assertThat(DrillSelection.of(Optional.empty(), Optional.empty(), Optional.empty()))
                .isEqualTo(new DrillSelection.Generation(DrillGeneration.NEWEST));
        assertThatThrownBy(() -> DrillSelection.of(Optional.of("abc123"), Optional.of(Instant.EPOCH),
                Optional.empty())).isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--snapshot and --as-of");
                });
    }
}
