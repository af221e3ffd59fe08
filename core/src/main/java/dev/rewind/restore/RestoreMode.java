package dev.rewind.restore;

/** How the data gets back into the claim (volsync.md §8.1, 5a and 5b). */
public enum RestoreMode {
    /** A temporary ReplicationDestination with {@code copyMethod: Direct} writes into the existing claim. */
    IN_PLACE,
    /** The claim is deleted and re-created, populated from a ReplicationDestination image (disaster recovery). */
    REPLACE;

    /** {@code in-place} or {@code replace} (case-insensitive; {@code _} for {@code -}); INVALID_INPUT otherwise. */
    public static RestoreMode parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "in-place", "inplace" -> IN_PLACE;
            case "replace" -> REPLACE;
            default -> throw new dev.rewind.error.RewindException(dev.rewind.error.Reason.INVALID_INPUT,
                    "unknown restore mode '" + text + "': expected in-place or replace");
        };
    }
}
