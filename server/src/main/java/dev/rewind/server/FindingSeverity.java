package dev.rewind.server;

import java.util.Locale;

/** The severity of a {@link RunFinding}, common to Kopia and Barman findings. */
public enum FindingSeverity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
