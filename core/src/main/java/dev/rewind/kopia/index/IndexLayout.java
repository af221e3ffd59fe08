package dev.rewind.kopia.index;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * How a repository organises its index blobs: with the epoch manager ({@code x…} blobs, kopia-format.md §5.5) or
 * the legacy way ({@code n…} blobs with {@code m…} compaction logs, §5.6). kopia chooses by
 * {@code epochParameters.Enabled} of the repository config, which is set for format versions 2 and 3 and unset for
 * format version 1.
 */
public enum IndexLayout {
    EPOCH,
    LEGACY;

    /** The layout kopia uses for a repository format version (1 → legacy, 2 and 3 → epoch). */
    public static IndexLayout forFormatVersion(int formatVersion) {
        return switch (formatVersion) {
            case 1 -> LEGACY;
            case 2, 3 -> EPOCH;
            default -> throw new RewindException(Reason.UNSUPPORTED,
                    "repository format version " + formatVersion + " is not supported");
        };
    }

    /** The layout for a repository config whose {@code epochParameters.Enabled} is {@code epochManagerEnabled}. */
    public static IndexLayout forEpochManager(boolean epochManagerEnabled) {
        return epochManagerEnabled ? EPOCH : LEGACY;
    }
}
