package dev.rewind.kopia.snapshot;

/**
 * The mode of a directory entry (kopia-format.md §7.4). kopia stores Go {@code FileMode} bits masked to the
 * permission bits plus setuid ({@code 1<<23}), setgid ({@code 1<<22}) and sticky ({@code 1<<20}), written as a
 * string parsed with base auto-detection (e.g. {@code "0755"}, setuid {@code "040000755"}). This record holds them
 * decoded; {@link #posixBits()} maps them to POSIX {@code 04000 | 02000 | 01000 | 0777}.
 *
 * @param permissions the {@code rwxrwxrwx} bits (0 … 0777)
 * @param setuid the setuid bit
 * @param setgid the setgid bit
 * @param sticky the sticky bit
 */
public record EntryMode(int permissions, boolean setuid, boolean setgid, boolean sticky) {
    static final long GO_SETUID = 1L << 23;
    static final long GO_SETGID = 1L << 22;
    static final long GO_STICKY = 1L << 20;

    public EntryMode {
        if (permissions < 0 || permissions > 0777) {
            throw new IllegalArgumentException("permissions out of range: " + Integer.toOctalString(permissions));
        }
    }

    /** Decodes Go {@code FileMode} bits; bits outside the kopia mask (type bits) are ignored. */
    public static EntryMode fromGoFileMode(long bits) {
        return new EntryMode((int) (bits & 0777), (bits & GO_SETUID) != 0, (bits & GO_SETGID) != 0,
                (bits & GO_STICKY) != 0);
    }

    /** The POSIX mode bits, as {@code chmod} takes them. */
    public int posixBits() {
        return permissions | (setuid ? 04000 : 0) | (setgid ? 02000 : 0) | (sticky ? 01000 : 0);
    }

    /** The POSIX mode in octal with a leading zero, e.g. {@code 0755} or {@code 04755}. */
    @Override
    public String toString() {
        return "0" + Integer.toOctalString(posixBits());
    }
}
