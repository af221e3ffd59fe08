package dev.rewind.server;

import java.util.Locale;

/** How a check run ended. Only {@link #HEALTHY} counts as a successful verification. */
public enum Outcome {
    /** The check ran and found no ERROR finding (warnings and infos may exist). */
    HEALTHY,
    /** The check ran and found at least one ERROR finding. */
    FAILING,
    /** The check could not run (storage unavailable, wrong password, unreadable archive, …). */
    ERROR;

    public boolean healthy() {
        return this == HEALTHY;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
