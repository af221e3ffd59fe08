package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the instant a user restores to. RFC 3339 with an explicit offset ({@code Z} or {@code ±hh:mm}) and optional
 * fractional seconds; converted to UTC before any comparison (Volsync's lexical comparison breaks on offsets,
 * volsync.md §2.3 and §8.3 "convert it").
 */
public final class RestoreTimestamp {
    private RestoreTimestamp() {
    }

    /** @throws RewindException INVALID_INPUT naming the text when it is not RFC 3339 with an offset */
    public static Instant parse(String text) {
        try {
            // RFC 3339 §5.6 also allows a lowercase t/z and (NOTE) a space between date and time
            return OffsetDateTime.parse(text.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', 'T'),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid timestamp '" + text + "': expected RFC 3339 with"
                    + " an offset, e.g. 2026-11-29T14:30:00Z or 2026-11-29T15:30:00.5+01:00", null, e);
        }
    }
}
