package dev.rewind.kopia.snapshot;

/**
 * The {@code stats} of a snapshot manifest (kopia-format.md §6.2; kopia: {@code snapshot/stats.go}). These count
 * what <em>this run</em> uploaded: unchanged files go to {@code cachedFiles}, not {@code fileCount} (appendix:
 * reader pitfalls). Use the root entry's {@link DirectorySummary} for the size and shape of the whole tree.
 */
public record SnapshotStats(
        long totalSizeBytes,
        long excludedTotalSizeBytes,
        long fileCount,
        long cachedFiles,
        long nonCachedFiles,
        long dirCount,
        long excludedFileCount,
        long excludedDirCount,
        long ignoredErrorCount,
        long errorCount) {

    /** All counts zero (a manifest without {@code stats}). */
    public static SnapshotStats empty() {
        return new SnapshotStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
