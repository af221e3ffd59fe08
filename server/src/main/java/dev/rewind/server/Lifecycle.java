package dev.rewind.server;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases of a {@link RewindServer}. Only {@link #READY} answers {@code /readyz} with 200; {@code /livez} answers
 * 200 in every phase in which the listener is open.
 */
public enum Lifecycle {
    NEW,
    STARTING,
    READY,
    STOPPING,
    STOPPED;

    /** Whether a server in this phase may move to {@code next}. */
    public boolean canMoveTo(Lifecycle next) {
        return allowedNext().contains(next);
    }

    private Set<Lifecycle> allowedNext() {
        return switch (this) {
            case NEW -> EnumSet.of(STARTING, STOPPED);
            case STARTING -> EnumSet.of(READY, STOPPING);
            case READY -> EnumSet.of(STOPPING);
            case STOPPING -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(Lifecycle.class);
        };
    }
}
