package dev.rewind.cli;

import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import dev.rewind.verify.Durations;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints workflow progress on stderr: phase lines and findings always; running counters (contents, bytes, ETA when
 * the total is known) only when attached to a terminal, so logs of CI jobs and cron runs stay clean. Findings are
 * printed as {@code [SEVERITY]} lines, never as {@code error:} lines (those are reserved for the command failing).
 */
final class StderrProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final Map<String, Instant> startedAt = new HashMap<>();

    StderrProgress(PrintWriter err, boolean terminal, Clock clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Progress of one invocation: its stderr and clock, counters only on a terminal. */
    static StderrProgress of(RewindCommand rewind) {
        return new StderrProgress(rewind.err(), interactive(), rewind.clock());
    }

    /** Whether this process talks to a terminal (the JDK cannot test stderr alone; stdin/stdout is the proxy). */
    static boolean interactive() {
        return System.console() != null;
    }

    @Override
    public void on(ProgressEvent event) {
        switch (event) {
            case ProgressEvent.PhaseStarted p -> {
                startedAt.put(p.subject(), clock.instant());
                err.printf("%s %s: %s%n", p.workflow(), p.subject(), p.phase());
            }
            case ProgressEvent.Progressed p -> {
                if (terminal) {
                    err.printf("\r%s %s: %d%s contents, %d%s MiB%s ", p.workflow(), p.subject(), p.doneUnits(),
                            p.totalUnits().isPresent() ? "/" + p.totalUnits().getAsLong() : "", p.doneBytes() >> 20,
                            p.totalBytes().isPresent() ? "/" + (p.totalBytes().getAsLong() >> 20) : "", eta(p));
                }
            }
            case ProgressEvent.Noted n -> err.printf("[%s] %s: %s%n", n.level().name(), n.subject(), n.message());
            case ProgressEvent.Finished f -> err.printf("%s%s %s: done in %s: %s%n", terminal ? "\r" : "",
                    f.workflow(), f.subject(), Durations.text(f.duration()), f.summary());
        }
        err.flush();
    }

    private String eta(ProgressEvent.Progressed p) {
        Instant start = startedAt.get(p.subject());
        if (start == null || p.totalBytes().isEmpty() || p.doneBytes() == 0) {
            return "";
        }
        Duration elapsed = Duration.between(start, clock.instant());
        long remaining = p.totalBytes().getAsLong() - p.doneBytes();
        Duration eta = elapsed.multipliedBy(Math.max(0, remaining)).dividedBy(p.doneBytes());
        return String.format(Locale.ROOT, ", ETA %s", Durations.text(eta));
    }
}
