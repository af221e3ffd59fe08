package dev.rewind.drill;

/**
 * What a volume holds: regular files and the sum of their sizes (apparent sizes, as {@code stat -c %s} reports and
 * as Kopia's directory summary adds them up, kopia-format.md §7.4; symlinks and directories are not counted).
 *
 * @param files     regular files
 * @param sizeBytes sum of their sizes
 */
public record DrillCounts(long files, long sizeBytes) {
    public DrillCounts {
        if (files < 0 || sizeBytes < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + files + " files, " + sizeBytes
                    + " bytes");
        }
    }

    @Override
    public String toString() {
        return files + " files, " + sizeBytes + " bytes";
    }
}
