package dev.rewind.verify;

import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the findings of one source (at most a maximum, counting the rest) and reports each as it happens. */
final class FindingSink {
    private final String subject;
    private final int max;
    private final ProgressListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private long suppressed;

    FindingSink(String subject, int max, ProgressListener listener) {
        this.subject = subject;
        this.max = max;
        this.listener = listener;
    }

    void add(Finding finding) {
        synchronized (this) {
            if (findings.size() >= max) {
                suppressed++;
                return;
            }
            findings.add(finding);
        }
        listener.on(new ProgressEvent.Noted(Verifier.WORKFLOW, subject, level(finding.severity()), finding.reason()));
    }

    /** The findings, most severe first, in the order found within a severity. */
    synchronized List<Finding> findings() {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity));
        return sorted;
    }

    synchronized long suppressed() {
        return suppressed;
    }

    private static ProgressEvent.Level level(Severity severity) {
        return switch (severity) {
            case ERROR -> ProgressEvent.Level.ERROR;
            case WARNING -> ProgressEvent.Level.WARNING;
            case INFO -> ProgressEvent.Level.INFO;
        };
    }
}
