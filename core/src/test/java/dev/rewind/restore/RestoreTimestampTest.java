package dev.rewind.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestoreTimestampTest {
    @Test
    void everyRfc3339SpellingOfOneInstantIsTheSameInstant() {
        Instant expected = Instant.parse("2026-11-29T02:30:00.500Z");

        assertThat(RestoreTimestamp.parse("2026-11-29T02:30:00.5Z")).isEqualTo(expected);
        assertThat(RestoreTimestamp.parse("2026-11-29t02:30:00.5z")).isEqualTo(expected);
        assertThat(RestoreTimestamp.parse("2026-11-29 04:30:00.5+02:00")).isEqualTo(expected);
        assertThat(RestoreTimestamp.parse(" 2026-11-28T21:30:00.500-05:00 ")).isEqualTo(expected);
    }

    @Test
    void aTimestampWithoutOffsetIsInvalidInputNamingTheText() {
        assertThatThrownBy(() -> RestoreTimestamp.parse("2026-11-29T02:30:00"))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("'2026-11-29T02:30:00'").contains("RFC 3339");
                });
    }
}
