package dev.rewind.restore.wholeapp;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Locale;

/**
 * How the app is pointed at the recovered cluster ({@code --switch}).
 */
public enum SwitchMode {
    /**
     * rewind replaces the host in every place the app reads it (Secret key, ConfigMap key or literal env value)
     * while the app is scaled down; the plan warns where a controller (External Secrets, Flux, Helm) will revert it
     * and prints the Git change that makes it permanent.
     */
    SECRET,
    /** rewind changes no configuration: the operator commits the printed Git change. */
    NONE;

    /** {@code secret} or {@code none}; INVALID_INPUT otherwise. */
    public static SwitchMode parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "secret" -> SECRET;
            case "none" -> NONE;
            default -> throw new RewindException(Reason.INVALID_INPUT, "unknown --switch '" + text
                    + "': expected secret or none");
        };
    }
}
