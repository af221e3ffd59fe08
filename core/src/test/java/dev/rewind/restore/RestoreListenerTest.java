package dev.rewind.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.progress.ProgressEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreListenerTest {

    @Test
    void forwardsPhasesNotesAndTheSummaryToTheSharedProgressChannel() {
        List<ProgressEvent> seen = new ArrayList<>();
        RestoreListener listener = RestoreListener.forwardingTo(seen::add);

        listener.on(new RestoreProgress.PhaseStarted("paperless-ngx", RestorePhase.QUIESCE, Instant.EPOCH));
        listener.on(new RestoreProgress.Note("paperless-ngx", RestorePhase.RESTORE, "gate failed: nothing restored"));
        listener.on(new RestoreProgress.Finished("paperless-ngx", new RestoreOutcome.Succeeded(),
                Map.of(RestorePhase.QUIESCE, Duration.ofSeconds(4), RestorePhase.RESTORE, Duration.ofSeconds(60))));

        assertThat(seen.get(0)).isEqualTo(new ProgressEvent.PhaseStarted("restore", "paperless-ngx", "QUIESCE"));
        assertThat(seen.get(1)).isInstanceOfSatisfying(ProgressEvent.Noted.class, n -> {
            assertThat(n.level()).isEqualTo(ProgressEvent.Level.WARNING);
            assertThat(n.message()).isEqualTo("RESTORE: gate failed: nothing restored");
        });
        assertThat(seen.get(2)).isInstanceOfSatisfying(ProgressEvent.Finished.class, f -> {
            assertThat(f.duration()).isEqualTo(Duration.ofSeconds(64));
            assertThat(f.summary()).isEqualTo("Succeeded; QUIESCE PT4S, RESTORE PT1M");
        });
    }
}
