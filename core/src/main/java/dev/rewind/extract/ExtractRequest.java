package dev.rewind.extract;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link Extractor} should write where.
 *
 * @param snapshot the snapshot to extract
 * @param path the path inside the snapshot ({@code ""} for the whole snapshot); a directory's entries land directly
 *             in {@code target}, a file or symlink lands as {@code target/<its name>}
 * @param target the local directory to write into (created when missing)
 * @param force write into a non-empty directory (files that are already complete — same size and mtime — are
 *              skipped, others replaced)
 * @param restoreOwner apply the snapshot's uid/gid; honoured only when the process runs as root
 * @param parallelism how many files are written at once (default: available processors)
 */
public record ExtractRequest(SnapshotManifest snapshot, String path, Path target, boolean force, boolean restoreOwner,
                             int parallelism) {
    public ExtractRequest {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        if (parallelism < 1) {
            throw new RewindException(Reason.INVALID_INPUT, "parallelism must be at least 1, got " + parallelism);
        }
    }

    /** The whole snapshot into {@code target}: no force, no owners, one writer per available processor. */
    public static ExtractRequest of(SnapshotManifest snapshot, Path target) {
        return new ExtractRequest(snapshot, "", target, false, false, Runtime.getRuntime().availableProcessors());
    }

    public ExtractRequest withPath(String value) {
        return new ExtractRequest(snapshot, value, target, force, restoreOwner, parallelism);
    }

    public ExtractRequest withForce(boolean value) {
        return new ExtractRequest(snapshot, path, target, value, restoreOwner, parallelism);
    }

    public ExtractRequest withRestoreOwner(boolean value) {
        return new ExtractRequest(snapshot, path, target, force, value, parallelism);
    }

    public ExtractRequest withParallelism(int value) {
        return new ExtractRequest(snapshot, path, target, force, restoreOwner, value);
    }
}
