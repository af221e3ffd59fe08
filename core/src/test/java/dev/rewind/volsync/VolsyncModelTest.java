package dev.rewind.volsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolsyncModelTest {

    @Test
    void manualTriggerOverridesSchedule() {
        assertThat(new Trigger(Optional.of("0 * * * *"), Optional.of("rewind-1")).mode()).isEqualTo(TriggerMode.MANUAL);
        assertThat(Trigger.schedule("@hourly").mode()).isEqualTo(TriggerMode.SCHEDULE);
        assertThat(Trigger.none().mode()).isEqualTo(TriggerMode.CONTINUOUS);
        assertThat(new Trigger(Optional.of("0 * * * *"), Optional.of("")).mode()).isEqualTo(TriggerMode.SCHEDULE);
    }

    @Test
    void copyMethodParsesCrdSpellings() {
        assertThat(CopyMethod.parse("Snapshot")).isEqualTo(CopyMethod.SNAPSHOT);
        assertThat(CopyMethod.parse("None")).isEqualTo(CopyMethod.NONE);
        assertThat(CopyMethod.SNAPSHOT.manifestValue()).isEqualTo("Snapshot");
        assertThatThrownBy(() -> CopyMethod.parse("Teleport")).hasMessageContaining("Teleport");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "6m44.667488732s, 404667488732",
            "1h2m3s, 3723000000000",
            "0, 0",
            "1.5s, 1500000000",
            "300ms, 300000000",
            "10us, 10000",
            "-2s, -2000000000",
    })
    void goDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void invalidGoDurationNamesTheText() {
        assertThatThrownBy(() -> GoDuration.parse("5 minutes")).hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> GoDuration.parse("12")).hasMessageContaining("12");
    }
}
