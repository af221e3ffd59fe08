package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.kopia.snapshot.SnapshotCatalog;

/**
 * Port: the snapshot catalog of an app's Kopia repository, read directly from the repository (never through Volsync;
 * DESIGN.md §1 "read the truth, not the status").
 */
@FunctionalInterface
public interface SnapshotCatalogs {
    /**
     * @throws dev.rewind.error.RewindException NOT_FOUND (no repository at the location), WRONG_PASSWORD,
     *                                          UNAVAILABLE, UNSUPPORTED, CORRUPT
     */
    SnapshotCatalog catalogOf(App app);
}
