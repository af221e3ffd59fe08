package dev.rewind.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses an RFC 3339 timestamp with {@code Z} or an offset (fractional seconds allowed) into an instant, so that
 * {@code 2026-01-02T05:04:05.5+02:00} and {@code 2026-01-02T03:04:05.5Z} are the same time.
 */
final class TimestampConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT).replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an RFC 3339 timestamp such as "
                    + "2026-11-30T02:00:00Z or 2026-11-30T03:00:00+01:00");
        }
    }
}
