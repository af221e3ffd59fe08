package dev.rewind.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 90s}, {@code 45m}, {@code 26h}, {@code 2d}, {@code 1h30m} or ISO-8601 ({@code PT26H}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            try {
                return positive(value, Duration.parse(text.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(value);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw invalid(value);
        }
        return positive(value, total);
    }

    private static Duration positive(String value, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw invalid(value);
        }
        return d;
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration such as 26h, 90m, 2d or 1h30m");
    }
}
