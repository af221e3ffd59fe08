package dev.rewind.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a workflow reports while it runs. Events are data: a renderer formats them, a test collects them.
 *
 * <p>Every event names the {@code workflow} ({@code verify}, {@code extract}, …) and a {@code subject} — what the
 * event is about: a Kopia source ({@code user@host:path}), a snapshot id, a target directory.
 */
public sealed interface ProgressEvent
        permits ProgressEvent.PhaseStarted, ProgressEvent.Progressed, ProgressEvent.Noted, ProgressEvent.Finished {

    String workflow();

    String subject();

    /** How serious a {@link Noted} event is. */
    enum Level {
        ERROR, WARNING, INFO
    }

    /** A phase begins, e.g. {@code list-packs}, {@code structure}, {@code content}, {@code write-files}. */
    record PhaseStarted(String workflow, String subject, String phase) implements ProgressEvent {
        public PhaseStarted {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(phase, "phase");
        }
    }

    /**
     * Cumulative progress of a phase: units done (contents checked, files written) and bytes done, with totals when
     * they are known in advance.
     */
    record Progressed(String workflow, String subject, String phase, long doneUnits, OptionalLong totalUnits,
                      long doneBytes, OptionalLong totalBytes) implements ProgressEvent {
        public Progressed {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(totalUnits, "totalUnits");
            Objects.requireNonNull(totalBytes, "totalBytes");
        }
    }

    /** Something worth telling the operator as it happens — for verify, a finding (one line). */
    record Noted(String workflow, String subject, Level level, String message) implements ProgressEvent {
        public Noted {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The workflow finished its work on the subject; {@code summary} is one line for humans. */
    record Finished(String workflow, String subject, Duration duration, String summary) implements ProgressEvent {
        public Finished {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(summary, "summary");
        }
    }
}
