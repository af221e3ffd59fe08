package dev.rewind.volsync;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code spec.trigger.schedule} of a ReplicationSource: standard 5-field cron ({@code minute hour day-of-month
 * month day-of-week}) or one of the descriptors {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}
 * (volsync.md §1.1; Volsync parses it with robfig/cron's standard parser).
 *
 * <p>Written by hand (no maintained Java library parses exactly this dialect without bringing Quartz's 6/7-field
 * syntax): fields accept {@code *}, {@code ?}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists,
 * month and weekday names ({@code JAN}, {@code MON}); Sunday is 0 or 7. As in cron, when both day-of-month and
 * day-of-week are restricted a day matches if either does. Times are evaluated in UTC (the controller's zone);
 * {@code CRON_TZ=}/{@code TZ=} prefixes are rejected.
 *
 * @param expression the schedule as written on the object
 */
public record CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
                           BitSet daysOfWeek, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted) {
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String[] MONTH_NAMES =
            {"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Leap-day schedules repeat within 8 years (2096 → 2104); searching further means "never fires". */
    private static final int MAX_SEARCH_DAYS = 366 * 9;

    public CronSchedule {
        Objects.requireNonNull(expression, "expression");
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        daysOfMonth = (BitSet) daysOfMonth.clone();
        months = (BitSet) months.clone();
        daysOfWeek = (BitSet) daysOfWeek.clone();
    }

    /**
     * Parses a schedule.
     *
     * @throws RewindException INVALID_INPUT naming the schedule and the offending field
     */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String text = expression.trim();
        String expanded = text.startsWith("@") ? DESCRIPTORS.get(text.toLowerCase(Locale.ROOT)) : text;
        if (expanded == null) {
            throw invalid(expression, "unknown descriptor '" + text + "'");
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw invalid(expression, "expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + fields.length);
        }
        BitSet dow = field(expression, "day-of-week", fields[4], 0, 7, DAY_NAMES);
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        return new CronSchedule(expression, field(expression, "minute", fields[0], 0, 59, null),
                field(expression, "hour", fields[1], 0, 23, null),
                field(expression, "day-of-month", fields[2], 1, 31, null),
                field(expression, "month", fields[3], 1, 12, MONTH_NAMES), dow,
                !isStar(fields[2]), !isStar(fields[4]));
    }

    private static boolean isStar(String field) {
        return field.startsWith("*") || field.startsWith("?");
    }

    private static BitSet field(String expression, String name, String text, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(expression, name, part.substring(slash + 1), null);
                if (step <= 0) {
                    throw invalid(expression, name + " step must be positive in '" + part + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = number(expression, name, dash < 0 ? range : range.substring(0, dash), names);
                to = dash < 0 ? (slash >= 0 ? max : from) : number(expression, name, range.substring(dash + 1), names);
            }
            if (from < min || to > max || from > to) {
                throw invalid(expression, name + " '" + part + "' is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String expression, String name, String text, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (!names[i].isEmpty() && names[i].equalsIgnoreCase(text)) {
                    return i;
                }
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(expression, name + " '" + text + "' is not a number");
        }
    }

    private static RewindException invalid(String expression, String why) {
        return new RewindException(Reason.INVALID_INPUT, "invalid schedule '" + expression + "': " + why);
    }

    /** Whether the schedule fires on {@code date} (ignoring the time of day). */
    public boolean firesOn(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /**
     * The first fire time strictly after {@code after} (UTC wall-clock time, minute precision).
     *
     * @throws RewindException INVALID_INPUT when the schedule never fires (e.g. {@code 0 0 31 2 *})
     */
    public LocalDateTime next(LocalDateTime after) {
        LocalDateTime start = after.withSecond(0).withNano(0).plusMinutes(1);
        LocalDate date = start.toLocalDate();
        for (int day = 0; day < MAX_SEARCH_DAYS; day++, date = date.plusDays(1)) {
            if (!firesOn(date)) {
                continue;
            }
            LocalTime from = day == 0 ? start.toLocalTime() : LocalTime.MIDNIGHT;
            for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
                int firstMinute = h == from.getHour() ? from.getMinute() : 0;
                int m = minutes.nextSetBit(firstMinute);
                if (m >= 0) {
                    return LocalDateTime.of(date, LocalTime.of(h, m));
                }
            }
        }
        throw invalid(expression, "it never fires");
    }

    /**
     * The longest gap between two consecutive fires over a whole year (two for schedules that fire less often):
     * the interval after which a missing backup is overdue.
     *
     * @throws RewindException INVALID_INPUT when the schedule never fires
     */
    public Duration maxInterval() {
        LocalDateTime reference = LocalDateTime.of(2028, 1, 1, 0, 0);   // a leap year: @yearly spans 366 days
        LocalDateTime end = reference.plusYears(1);
        LocalDateTime previous = next(reference.minusMinutes(1));
        Duration max = Duration.ZERO;
        int fires = 0;
        while (!previous.isAfter(end) || fires < 2) {
            LocalDateTime fire = next(previous);
            Duration gap = Duration.between(previous, fire);
            if (gap.compareTo(max) > 0) {
                max = gap;
            }
            previous = fire;
            fires++;
        }
        return max;
    }

    @Override
    public String toString() {
        return expression;
    }
}
