package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.kopia.snapshot.SnapshotCatalog;

/**
 * Port: the snapshot catalog of an app's Kopia repository, read directly from the repository (never through Volsync;
 * DESIGN.md §1 "read the truth, not the status").
 */
public interface SnapshotCatalogs {
    /**
     * @throws dev.rewind.error.RewindException NOT_FOUND (no repository at the location), WRONG_PASSWORD,
     *                                          UNAVAILABLE, UNSUPPORTED, CORRUPT
     */
    SnapshotCatalog catalogOf(App app);

    /**
     * Files in snapshot {@code snapshotId} under the directory {@code path} (relative, empty = the root): its kopia
     * {@code DirectorySummary} file count, or a walk of the tree where the summary is absent.
     *
     * @throws dev.rewind.error.RewindException NOT_FOUND naming the path when it is not a directory of the snapshot
     */
    long fileCount(App app, String snapshotId, String path);
}
