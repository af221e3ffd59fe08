package dev.rewind.storage;

import java.time.Duration;

/** Waits between retries. Tests inject a fake that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps ({@link Thread#sleep(Duration)}). */
    static Sleeper system() {
        return Thread::sleep;
    }
}
