package dev.rewind.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a long-running command ({@code rewind drill}, {@code rewind restore}): a shutdown
 * hook interrupts the thread that runs the command and waits, at most {@link #GRACE}, until the command has finished
 * its interruption path (the drill's CLEANUP, the restore's INTERRUPTED journal entry) and closed this guard. The JVM
 * then ends with the signal's status (130 after Ctrl-C, docs/exit-codes.md). Without the hook the JVM would die
 * mid-phase and leave the sandbox's objects (a copy of the repository Secret) or an unjournalled restore behind.
 *
 * <p>Use with try-with-resources on the command's thread: {@code try (var guard = InterruptGuard.install(...)) {…}}.
 * Thread-safe.
 */
final class InterruptGuard implements AutoCloseable {
    /** How long the hook waits for the interrupted command to finish (documented in docs/runbooks/drills.md). */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final ShutdownHooks hooks;
    private final Thread worker;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private InterruptGuard(ShutdownHooks hooks, Thread worker, Duration grace) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.hook = new Thread(this::fire, "rewind-interrupt");
    }

    /** Guards the calling thread with the JVM's shutdown hooks and {@link #GRACE}. */
    static InterruptGuard install() {
        return install(ShutdownHooks.runtime(), Thread.currentThread(), GRACE);
    }

    /** Guards {@code worker}: registers the hook with {@code hooks}. */
    static InterruptGuard install(ShutdownHooks hooks, Thread worker, Duration grace) {
        InterruptGuard guard = new InterruptGuard(hooks, worker, grace);
        hooks.add(guard.hook);
        return guard;
    }

    /**
     * What the hook runs: interrupts the worker and waits until it closed this guard or the grace period ended.
     *
     * @return whether the worker finished within the grace period
     */
    boolean fire() {
        if (finished.getCount() == 0) {
            return true;
        }
        worker.interrupt();
        try {
            return finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command finished (normally or through its interruption path): releases a waiting hook, unregisters it. */
    @Override
    public void close() {
        finished.countDown();
        hooks.remove(hook);
    }
}
