package dev.rewind.server;

import java.text.ParseException;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When a check runs: a Quartz cron expression (seconds first: {@code "0 0/15 * * * ?"} is every 15 minutes),
 * evaluated in UTC, and for verifies the percentage of file contents to decrypt (0 for a quick verify).
 */
public record Schedule(String cron, double samplePercent) {
    public static final TimeZone ZONE = TimeZone.getTimeZone("UTC");

    public Schedule {
        Objects.requireNonNull(cron, "cron");
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("invalid cron expression \"" + cron + "\"");
        }
        if (!(samplePercent >= 0 && samplePercent <= 100)) {
            throw new IllegalArgumentException("samplePercent must be 0..100, got " + samplePercent);
        }
    }

    /** The parse problem of {@code cron}, if any, as Quartz explains it. */
    static java.util.Optional<String> cronProblem(String cron) {
        try {
            new CronExpression(cron);
            return java.util.Optional.empty();
        } catch (ParseException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }
}
