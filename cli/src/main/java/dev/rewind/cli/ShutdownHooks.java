package dev.rewind.cli;

/**
 * Where {@link InterruptGuard} registers its hook: the JVM's shutdown hooks ({@link #runtime()}), or a test's list so
 * a test can fire the hook without sending a signal.
 */
interface ShutdownHooks {

    /** Registers {@code hook} to be started when the JVM shuts down (Ctrl-C, SIGTERM). */
    void add(Thread hook);

    /** Unregisters {@code hook}; a no-op once the shutdown has begun. */
    void remove(Thread hook);

    /** The JVM's own shutdown hooks ({@link Runtime#addShutdownHook}). */
    static ShutdownHooks runtime() {
        return new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run: nothing to unregister
                }
            }
        };
    }
}
