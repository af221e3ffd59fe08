package dev.rewind.kopia.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.object.ObjectId;
import dev.rewind.kopia.object.ObjectReader;
import dev.rewind.kopia.object.ObjectStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Navigates the file tree of a snapshot (kopia-format.md §7.4–§7.5): directories are {@code kopia:directory} JSON
 * objects read through an {@link ObjectReader}; files and symlink targets are objects. Thread-safe if the object
 * reader is; streams it returns are not.
 *
 * <p>Paths are relative to the snapshot root, separated by {@code /}; a leading or trailing slash and empty or
 * {@code .} components are ignored; {@code ..} is rejected ({@link Reason#INVALID_INPUT}). The empty path is the
 * root entry — a directory for a directory snapshot, a file for a single-file snapshot (§7.5).
 *
 * <p>Memory: {@link #walk} is lazy and depth-first; it holds one parsed directory per level of the current path,
 * never the whole tree.
 */
public final class SnapshotTree {
    private final ObjectReader objects;

    public SnapshotTree(ObjectReader objects) {
        this.objects = Objects.requireNonNull(objects, "objects");
    }

    /**
     * Reads and parses a directory object. A stream type other than {@code kopia:directory} or malformed JSON is
     * {@link Reason#CORRUPT} naming the object; a missing content is {@link Reason#NOT_FOUND} naming the content.
     */
    public DirectoryManifest readDirectory(ObjectId directory) {
        return SnapshotJson.directory(directory, objects.readAll(directory));
    }

    /** The entries of a directory entry, in stored order. */
    public List<DirectoryEntry> list(DirectoryEntry.Directory directory) {
        return readDirectory(directory.object()).entries();
    }

    /**
     * Lists {@code path} in {@code snapshot} as {@code ls} would: the entries of a directory, or the entry itself for
     * a file, symlink or other entry. {@link Reason#NOT_FOUND} naming the path and snapshot if it does not exist.
     */
    public List<DirectoryEntry> list(SnapshotManifest snapshot, String path) {
        DirectoryEntry entry = getEntry(snapshot, path);
        return entry instanceof DirectoryEntry.Directory directory ? list(directory) : List.of(entry);
    }

    /** The entry at {@code path}, or empty if a component does not exist or a non-final component is not a directory. */
    public Optional<DirectoryEntry> findEntry(SnapshotManifest snapshot, String path) {
        DirectoryEntry current = snapshot.getRoot();
        for (String name : components(path)) {
            if (!(current instanceof DirectoryEntry.Directory directory)) {
                return Optional.empty();
            }
            Optional<DirectoryEntry> child = readDirectory(directory.object()).findEntry(name);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            current = child.get();
        }
        return Optional.of(current);
    }

    /** The entry at {@code path}; {@link Reason#NOT_FOUND} naming the path and the snapshot otherwise. */
    public DirectoryEntry getEntry(SnapshotManifest snapshot, String path) {
        return findEntry(snapshot, path).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "path '" + normalize(path) + "' does not exist in snapshot " + snapshot.id() + " of "
                        + snapshot.source()));
    }

    /** Every entry of the snapshot, root first, depth-first in stored order; lazy. */
    public Stream<TreeNode> walk(SnapshotManifest snapshot) {
        return walk(new TreeNode("", snapshot.getRoot()));
    }

    /**
     * Every entry below and including {@code start}, depth-first (a directory before its entries), lazily: a
     * directory's object is read only when the walk descends into it. Failures surface from the stream's terminal
     * operation. The stream should be consumed sequentially.
     */
    public Stream<TreeNode> walk(TreeNode start) {
        Iterator<TreeNode> iterator = new DepthFirst(start);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The target of a symbolic link (the object's bytes as UTF-8, kopia-format.md §7.5). */
    public String readSymlinkTarget(DirectoryEntry.Symlink link) {
        return new String(objects.readAll(link.object()), UTF_8);
    }

    /** A seekable stream over a file's bytes, in bounded memory. */
    public ObjectStream openFile(DirectoryEntry.File file) {
        return objects.open(file.object());
    }

    /**
     * Writes a file's data to {@code out} through reusable content buffers and returns its length (see
     * {@link ObjectReader#copyTo}): the extraction path.
     */
    public long copyFile(DirectoryEntry.File file, OutputStream out, ContentBuffers buffers) throws IOException {
        return objects.copyTo(file.object(), out, buffers);
    }

    /** The path in canonical form: components joined with {@code /}, no leading or trailing slash. */
    public static String normalize(String path) {
        return String.join("/", components(path));
    }

    private static List<String> components(String path) {
        Objects.requireNonNull(path, "path");
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw new RewindException(Reason.INVALID_INPUT, "path '" + path + "' must not contain '..'");
            }
            names.add(name);
        }
        return names;
    }

    /** Pre-order iterator holding one directory listing per level. */
    private final class DepthFirst implements Iterator<TreeNode> {
        private record Level(String path, Iterator<DirectoryEntry> entries) {
        }

        private final Deque<Level> levels = new ArrayDeque<>();
        private TreeNode pending;
        private TreeNode toDescend;

        DepthFirst(TreeNode start) {
            this.pending = start;
        }

        @Override
        public boolean hasNext() {
            if (pending != null) {
                return true;
            }
            if (toDescend != null) {
                DirectoryEntry.Directory directory = (DirectoryEntry.Directory) toDescend.entry();
                levels.push(new Level(toDescend.path(), list(directory).iterator()));
                toDescend = null;
            }
            while (!levels.isEmpty()) {
                Level level = levels.peek();
                if (level.entries().hasNext()) {
                    DirectoryEntry entry = level.entries().next();
                    pending = new TreeNode(level.path().isEmpty() ? entry.name() : level.path() + "/" + entry.name(),
                            entry);
                    return true;
                }
                levels.pop();
            }
            return false;
        }

        @Override
        public TreeNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            TreeNode node = pending;
            pending = null;
            if (node.entry() instanceof DirectoryEntry.Directory) {
                toDescend = node;
            }
            return node;
        }
    }
}
