package dev.rewind.volsync;

import java.util.Locale;

/** {@code kopia.copyMethod} (volsync.md §1.1): how the point-in-time copy is made. */
public enum CopyMethod {
    /** Use the volume directly. */
    DIRECT,
    /** Deprecated alias of {@link #DIRECT}; kept distinct so that what the object says is preserved. */
    NONE,
    CLONE,
    SNAPSHOT;

    /** Parses the CRD spelling ({@code Direct}, {@code None}, {@code Clone}, {@code Snapshot}), case-insensitively. */
    public static CopyMethod parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown copyMethod '" + value + "' (expected Direct, None, Clone or Snapshot)");
        }
    }

    /** The spelling used in manifests, e.g. {@code Snapshot}. */
    public String manifestValue() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
