package dev.rewind.kopia.snapshot;

import java.util.Objects;

/**
 * An entry of a snapshot tree together with its path relative to the snapshot root: {@code ""} for the root itself,
 * otherwise names joined with {@code /} (no leading slash), e.g. {@code media/2025/a.jpg}.
 *
 * @param path the relative path
 * @param entry the entry
 */
public record TreeNode(String path, DirectoryEntry entry) {

    public TreeNode {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(entry, "entry");
    }

    /** The depth below the root (0 for the root). */
    public int depth() {
        return path.isEmpty() ? 0 : (int) path.chars().filter(c -> c == '/').count() + 1;
    }
}
