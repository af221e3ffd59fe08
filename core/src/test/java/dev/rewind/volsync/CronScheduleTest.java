package dev.rewind.volsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "20 * * * *        | PT1H",
            "0 * * * *         | PT1H",
            "@hourly           | PT1H",
            "@daily            | PT24H",
            "0 3 * * *         | PT24H",
            "*/15 * * * *      | PT15M",
            "0 0,6 * * *       | PT18H",
            "0 2 * * 1-5       | PT72H",
            "0 2 * * MON       | PT168H",
            "0 0 1 * *         | PT744H",
            "@yearly           | PT8784H",
            "30 1 * * 7        | PT168H",
    })
    void maxIntervalOfTypicalSchedules(String cron, Duration expected) {
        assertThat(CronSchedule.parse(cron).maxInterval()).isEqualTo(expected);
    }

    @Test
    void nextFireTimes() {
        CronSchedule schedule = CronSchedule.parse("20 * * * *");
        assertThat(schedule.next(LocalDateTime.of(2026, 11, 30, 17, 20))).isEqualTo(LocalDateTime.of(2026, 11, 30, 18, 20));
        assertThat(schedule.next(LocalDateTime.of(2026, 11, 30, 23, 59))).isEqualTo(LocalDateTime.of(2026, 12, 1, 0, 20));
    }

    @Test
    void dayOfMonthOrDayOfWeekWhenBothRestricted() {
        CronSchedule schedule = CronSchedule.parse("0 0 13 * FRI");
        // 2026-11-01 is a Sunday: the next Friday (6th) comes before the 13th
        assertThat(schedule.next(LocalDateTime.of(2026, 11, 1, 0, 0))).isEqualTo(LocalDateTime.of(2026, 11, 6, 0, 0));
    }

    @Test
    void leapDayScheduleSpansYears() {
        assertThat(CronSchedule.parse("0 0 29 2 *").maxInterval()).isEqualTo(Duration.ofDays(366 + 365 * 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* * * *       | expected 5 fields",
            "61 * * * *    | minute '61' is outside 0-59",
            "0 0 31 2 *    | never fires",
            "@sometimes    | unknown descriptor",
            "0 x * * *     | hour 'x' is not a number",
            "*/0 * * * *   | step must be positive",
    })
    void invalidSchedulesNameTheProblem(String cron, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(cron).maxInterval())
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining(cron.trim()).hasMessageContaining(message);
    }
}
