package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the times barman writes into backup.info: Python {@code str(datetime)},
 * {@code YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]} — microseconds omitted when zero, offset normally present
 * (cnpg-barman.md §3.2). A value without offset is read as UTC (CNPG pods run in UTC).
 */
final class BarmanTime {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter();

    private BarmanTime() {
    }

    static Instant parse(String text, String field) {
        String value = text.trim();
        try {
            if (value.length() > 19 && hasOffset(value)) {
                return OffsetDateTime.parse(value, WITH_OFFSET).toInstant();
            }
            return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RewindException(Reason.CORRUPT, "invalid time in " + field + ": '" + value + "'");
        }
    }

    private static boolean hasOffset(String value) {
        String tail = value.substring(19);
        return tail.endsWith("Z") || tail.indexOf('+') >= 0 || tail.indexOf('-') >= 0;
    }
}
