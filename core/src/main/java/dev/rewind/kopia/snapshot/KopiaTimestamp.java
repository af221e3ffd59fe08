package dev.rewind.kopia.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as kopia writes them (kopia {@code fs.UTCTimestamp}, kopia-format.md §6.2): RFC 3339 in UTC with up to
 * nine fractional digits, trailing zeros trimmed (Go's {@code RFC3339Nano}), e.g. {@code 2025-11-23T15:47:20.123456Z}.
 * Written by hand because Java's {@link Instant#toString()} pads fractions to 3, 6 or 9 digits.
 */
public final class KopiaTimestamp {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private KopiaTimestamp() {
    }

    /** Parses RFC 3339 with any offset and fraction; throws {@link java.time.DateTimeException} when malformed. */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /**
     * The exact text kopia writes for {@code instant} — the form to pass to Volsync's {@code restoreAsOf}, whose
     * string comparison only works with this canonical UTC form (volsync.md §2.3).
     */
    public static String format(Instant instant) {
        StringBuilder text = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }
}
