package dev.rewind.restore.wholeapp;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Locale;

/**
 * How the app is pointed at the recovered cluster ({@code --switch}).
 */
public enum SwitchMode {
    /**
     * rewind replaces the host in every place the app reads it (Secret key, ConfigMap key) while the app is scaled
     * down. Only for places nothing owns: a place an ExternalSecret renders, a Flux Kustomization applies or a
     * HelmRelease renders (a literal env value) refuses the plan with INVALID_INPUT, because its owner puts the old
     * host back (External Secrets within seconds, Flux at the reconcile rewind requests at RESUME). After the app
     * resumed every switched place is re-read; one put back anyway ends the run PARTIAL.
     */
    SECRET,
    /**
     * rewind changes no configuration and prints the Git change; the app resumes on the old database until the
     * operator commits it. The only mode for a host Git owns: rewind never leaves Flux suspended to hold a switch.
     */
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
