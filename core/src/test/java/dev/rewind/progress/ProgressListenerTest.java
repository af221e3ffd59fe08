package dev.rewind.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    @Test
    void serializedDeliversEveryEventFromConcurrentCallersToANonThreadSafeListener() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        ProgressListener listener = ProgressListener.serialized(events::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    listener.on(new ProgressEvent.Progressed("verify", "s", "check-contents", i, OptionalLong.empty(),
                            0, OptionalLong.of(100)));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(events).hasSize(40_000);
    }

    @Test
    void ignoringDropsEverythingAndEventsAreExhaustivelySwitchable() {
        ProgressListener.ignoring().on(new ProgressEvent.Finished("extract", "x", Duration.ZERO, "done"));
        ProgressEvent event = new ProgressEvent.Noted("verify", "app@ns:/data", ProgressEvent.Level.ERROR, "pack p1 is missing");
        String rendered = switch (event) {
            case ProgressEvent.PhaseStarted p -> p.phase();
            case ProgressEvent.Progressed p -> String.valueOf(p.doneUnits());
            case ProgressEvent.Noted n -> n.level() + ": " + n.subject() + ": " + n.message();
            case ProgressEvent.Finished f -> f.summary();
        };
        assertThat(rendered).isEqualTo("ERROR: app@ns:/data: pack p1 is missing");
    }
}
