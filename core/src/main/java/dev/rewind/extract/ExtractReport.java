package dev.rewind.extract;

import dev.rewind.kopia.snapshot.SnapshotId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Extractor#extract} wrote.
 *
 * @param snapshotId the extracted snapshot
 * @param path the path inside the snapshot ({@code ""} for all of it)
 * @param target the local directory written into
 * @param files regular files written
 * @param directories directories created or reused
 * @param symlinks symbolic links created
 * @param bytesWritten file bytes written
 * @param skippedFiles files already complete in the target (same size and mtime), not written again
 * @param skippedBytes the size of those files
 * @param otherEntries entries of other types (sockets, devices, unknown) that were not extracted
 * @param attributesNotApplied modes, owners or link times the file system refused (e.g. setuid as non-root)
 * @param duration how long the extraction took
 */
public record ExtractReport(SnapshotId snapshotId, String path, Path target, long files, long directories,
                            long symlinks, long bytesWritten, long skippedFiles, long skippedBytes, long otherEntries,
                            long attributesNotApplied, Duration duration) {
    public ExtractReport {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
    }
}
