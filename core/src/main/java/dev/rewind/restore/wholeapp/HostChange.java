package dev.rewind.restore.wholeapp;

import dev.rewind.app.ValueLocation;
import java.util.Objects;

/**
 * One host replaced by the connection switch: at {@code location}, {@code fromHost} becomes {@code toHost}. Only the
 * hosts are recorded (in the plan and the journal), never the rest of the value, which may hold a password.
 */
public record HostChange(ValueLocation location, String fromHost, String toHost) {
    public HostChange {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(fromHost, "fromHost");
        Objects.requireNonNull(toHost, "toHost");
    }

    /** The reverse change (abort). */
    public HostChange reversed() {
        return new HostChange(location, toHost, fromHost);
    }

    @Override
    public String toString() {
        return location + ": " + fromHost + " → " + toHost;
    }
}
