package dev.rewind.backup;

import java.time.Duration;

/**
 * Waits between two polls of a workflow. Production sleeps; tests inject a waiter that drives simulated
 * controllers and moves a fake clock instead (tests never sleep). Must be thread-safe when a workflow runs several
 * backups at once.
 */
@FunctionalInterface
public interface Waiter {
    void pause(Duration duration) throws InterruptedException;

    /** Really sleeps ({@link Thread#sleep(Duration)}). */
    static Waiter sleeping() {
        return Thread::sleep;
    }
}
