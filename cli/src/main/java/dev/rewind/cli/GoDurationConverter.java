package dev.rewind.cli;

import dev.rewind.volsync.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Go-style durations ({@code 600s}, {@code 10m}, {@code 1h30m}), as Volsync and kubectl write them. */
final class GoDurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration d = GoDuration.parse(value);
            if (!d.isPositive()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value
                    + "' is not a positive duration such as 600s, 45m or 2h");
        }
    }
}
