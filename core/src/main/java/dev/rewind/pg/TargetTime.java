package dev.rewind.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses a recovery target time: RFC 3339 with an offset ({@code 2026-08-21T16:05:00+02:00}, {@code …Z}) converted
 * to UTC, or — as CNPG reads {@code targetTime} (cnpg-barman.md §1.2, §4.8 step 1) — a date-time without offset,
 * which is UTC. A space may replace the {@code T}.
 */
public final class TargetTime {
    private TargetTime() {
    }

    /**
     * @throws RewindException INVALID_INPUT for a malformed time or one after {@code clock}'s now
     */
    public static Instant parse(String text, Clock clock) {
        String value = text == null ? "" : text.strip().replace(' ', 'T');
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException offsetMissing) {
            try {
                at = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new RewindException(Reason.INVALID_INPUT, "invalid target time '" + text + "'",
                        "use RFC 3339, e.g. 2026-08-21T14:05:00Z (no offset means UTC)", e);
            }
        }
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            throw new RewindException(Reason.INVALID_INPUT, "target time " + at + " is in the future (now " + now
                    + ")");
        }
        return at;
    }
}
