package dev.rewind.kopia.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KopiaTimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-23T15:47:20.123456Z", "2025-11-23T15:47:20Z", "2025-11-23T15:47:20.5Z",
            "2023-03-16T20:46:55.76843Z", "1754-08-30T22:43:41.128654848Z", "2026-01-02T01:04:05.000000001Z"})
    void formatsLikeGoRfc3339NanoInUtc(String text) {
        assertThat(KopiaTimestamp.format(KopiaTimestamp.parse(text))).isEqualTo(text);
    }

    @Test
    void parsesOffsetsAndNormalisesToUtc() {
        Instant instant = KopiaTimestamp.parse("2026-01-02T03:04:05.123456+02:00");

        assertThat(instant).isEqualTo(Instant.parse("2026-01-02T01:04:05.123456Z"));
        assertThat(KopiaTimestamp.format(instant)).isEqualTo("2026-01-02T01:04:05.123456Z");
        assertThat(KopiaTimestamp.parse("2025-11-23T08:47:20-07:00")).isEqualTo(
                Instant.parse("2025-11-23T15:47:20Z"));
    }
}
