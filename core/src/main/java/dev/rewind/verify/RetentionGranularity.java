package dev.rewind.verify;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

/**
 * The periods of Kopia's retention policy (kopia: {@code snapshot/policy/retention_policy.go}): a snapshot falls in
 * the hour, day, ISO week, month and year of its start time. Kopia uses the local time zone of the machine applying
 * the policy; rewind uses UTC, the zone of Volsync's mover pods.
 */
public enum RetentionGranularity {
    HOURLY("hourly", Duration.ofHours(1)),
    DAILY("daily", Duration.ofDays(1)),
    WEEKLY("weekly", Duration.ofDays(7)),
    MONTHLY("monthly", Duration.ofDays(28)),
    YEARLY("yearly", Duration.ofDays(365));

    private final String label;
    private final Duration shortestPeriod;

    RetentionGranularity(String label, Duration shortestPeriod) {
        this.label = label;
        this.shortestPeriod = shortestPeriod;
    }

    public String label() {
        return label;
    }

    /** The shortest length of one period (28 days for a month). */
    public Duration shortestPeriod() {
        return shortestPeriod;
    }

    /** The start of the period containing {@code at}. */
    public Instant periodStart(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        ZonedDateTime start = switch (this) {
            case HOURLY -> t.truncatedTo(ChronoUnit.HOURS);
            case DAILY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEKLY -> t.truncatedTo(ChronoUnit.DAYS).with(DayOfWeek.MONDAY);
            case MONTHLY -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case YEARLY -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        };
        return start.toInstant();
    }

    /** The start of the period before the one starting at {@code periodStart}. */
    public Instant previousPeriodStart(Instant periodStart) {
        ZonedDateTime t = periodStart.atZone(ZoneOffset.UTC);
        return (switch (this) {
            case HOURLY -> t.minusHours(1);
            case DAILY -> t.minusDays(1);
            case WEEKLY -> t.minusWeeks(1);
            case MONTHLY -> t.minusMonths(1);
            case YEARLY -> t.minusYears(1);
        }).toInstant();
    }

    /** The end (exclusive) of the period starting at {@code periodStart}. */
    public Instant periodEnd(Instant periodStart) {
        ZonedDateTime t = periodStart.atZone(ZoneOffset.UTC);
        return (switch (this) {
            case HOURLY -> t.plusHours(1);
            case DAILY -> t.plusDays(1);
            case WEEKLY -> t.plusWeeks(1);
            case MONTHLY -> t.plusMonths(1);
            case YEARLY -> t.plusYears(1);
        }).toInstant();
    }

    /** Kopia-like key of a period: {@code 2026-11-03T04}, {@code 2026-11-03}, {@code 2026-W45}, {@code 2026-11}, {@code 2026}. */
    public String periodName(Instant periodStart) {
        ZonedDateTime t = periodStart.atZone(ZoneOffset.UTC);
        return switch (this) {
            case HOURLY -> String.format("%tY-%<tm-%<tdT%<tH", t);
            case DAILY -> String.format("%tY-%<tm-%<td", t);
            case WEEKLY -> String.format("%04d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR),
                    t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> String.format("%tY-%<tm", t);
            case YEARLY -> String.format("%tY", t);
        };
    }
}
