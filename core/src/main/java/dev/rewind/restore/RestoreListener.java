package dev.rewind.restore;

/** Receives {@link RestoreProgress} events, on the thread running the restore. Must not throw. */
@FunctionalInterface
public interface RestoreListener {
    void on(RestoreProgress event);

    static RestoreListener none() {
        return event -> { };
    }
}
