package dev.rewind.restore;

import dev.rewind.app.ObjectManifest;
import java.util.Objects;

/**
 * The data check of POST_VERIFY ({@code --verify}): the number of files under {@code path} in the restored claim
 * must equal the snapshot's. The count is taken by a short-lived pod that mounts the claim read-only and prints
 * {@code rewind-files <n>} ({@code find <dir> -type f | wc -l}); the expected count is the kopia
 * {@code DirectorySummary} file count of the entry at {@code path} (kopia-format.md, directory summaries), counted by
 * walking the tree where a summary is absent.
 *
 * @param path          directory inside the volume; empty for the root
 * @param expectedFiles files in the snapshot under {@code path}
 * @param probe         the counting pod (node pinned at run time, next to the application's pod)
 */
public record VolumeCheck(String path, long expectedFiles, ObjectManifest probe) {
    /** The container that counts; its log is the answer. */
    public static final String CONTAINER = "count";
    /** The line the probe prints. */
    public static final String MARKER = "rewind-files ";

    public VolumeCheck {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(probe, "probe");
    }
}
