package dev.rewind.progress;

import java.util.Objects;

/**
 * Where a workflow (verify, extract, restore) reports what it is doing: the only output channel of a workflow.
 * Front-ends render the events (stderr lines, a status page, metrics); tests and the server may {@link #ignoring()
 * ignore} them.
 *
 * <p>Contract: a workflow calls its listener from one thread at a time (it serializes calls itself, see
 * {@link #serialized(ProgressListener)}), so listeners need not be thread-safe. A listener must return quickly and
 * must not throw; an exception thrown by a listener aborts the workflow.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Receives one event. */
    void on(ProgressEvent event);

    /** A listener that drops every event. */
    static ProgressListener ignoring() {
        return event -> {
        };
    }

    /** Wraps {@code delegate} so that concurrent callers deliver events one at a time. */
    static ProgressListener serialized(ProgressListener delegate) {
        Objects.requireNonNull(delegate, "delegate");
        Object lock = new Object();
        return event -> {
            synchronized (lock) {
                delegate.on(event);
            }
        };
    }
}
