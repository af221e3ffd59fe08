package dev.rewind.restore;

import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import java.time.Duration;
import java.util.stream.Collectors;

/** Receives {@link RestoreProgress} events, on the thread running the restore. Must not throw. */
@FunctionalInterface
public interface RestoreListener {
    void on(RestoreProgress event);

    static RestoreListener none() {
        return event -> { };
    }

    /**
     * Forwards to the shared progress channel (workflow {@code restore}, subject {@code <app>}): phase lines, notes
     * (warnings for failed gates), and a final summary with the outcome and per-phase durations.
     */
    static RestoreListener forwardingTo(ProgressListener progress) {
        return event -> progress.on(switch (event) {
            case RestoreProgress.PhaseStarted p -> new ProgressEvent.PhaseStarted("restore", p.app(),
                    p.phase().name());
            case RestoreProgress.PhaseFinished p -> new ProgressEvent.Noted("restore", p.app(),
                    ProgressEvent.Level.INFO, p.phase() + " took " + p.took());
            case RestoreProgress.Note n -> new ProgressEvent.Noted("restore", n.app(),
                    n.message().startsWith("gate failed") ? ProgressEvent.Level.WARNING : ProgressEvent.Level.INFO,
                    n.phase() + ": " + n.message());
            case RestoreProgress.Finished f -> new ProgressEvent.Finished("restore", f.app(),
                    f.durations().values().stream().reduce(Duration.ZERO, Duration::plus),
                    f.outcome().getClass().getSimpleName() + "; " + f.durations().entrySet().stream()
                            .sorted(java.util.Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        });
    }
}
