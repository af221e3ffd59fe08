package dev.rewind.storage.fs;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
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
 * A {@link BlobStore} over a local directory (typically an NFS mount) in one of two layouts:
 * <ul>
 *   <li>{@link #kopia(Path)}: kopia's sharded filesystem repository, implemented by hand after kopia-format.md §4.2
 *       (see {@link ShardingParameters}). Blob files end in {@code .f}; everything else is ignored. The
 *       {@code .shards} file is read once when the store is opened and never created.</li>
 *   <li>{@link #plain(Path)}: a plain tree, e.g. a Barman Cloud archive mirrored to a directory; the blob id is the
 *       file's relative path with {@code /} separators.</li>
 * </ul>
 * A blob's {@code modifiedAt} is the file's mtime. Listing walks only the directories whose names can lead to the
 * prefix and streams lazily (the stream holds open directory handles until closed).
 *
 * <p>No id resolves outside the root: ids with empty, {@code .} or {@code ..} segments are treated as absent, and
 * every resolved path is checked to stay below the root. Symbolic links inside the root are followed.
 *
 * <p>Thread-safe: the store holds no mutable state.
 */
public final class FilesystemBlobStore implements BlobStore {
    /** Kopia's suffix of completely written blob files. */
    public static final String KOPIA_BLOB_SUFFIX = ".f";

    private final Path root;
    private final FileLayout layout;

    private FilesystemBlobStore(Path root, FileLayout layout) {
        this.root = root;
        this.layout = layout;
    }

    /**
     * A kopia filesystem repository at {@code root}, with the sharding of its {@code .shards} file or kopia's
     * default ([3,3], 20) when there is none.
     *
     * @throws StorageException NOT_FOUND when {@code root} is not a directory, CORRUPT when {@code .shards} is
     *                          malformed, UNAVAILABLE when it cannot be read
     */
    public static FilesystemBlobStore kopia(Path root) {
        Path dir = checkedRoot(root);
        Path shardsFile = dir.resolve(ShardingParameters.FILE_NAME);
        ShardingParameters parameters;
        try {
            parameters = ShardingParameters.parse(Files.readAllBytes(shardsFile), shardsFile.toString());
        } catch (NoSuchFileException e) {
            parameters = ShardingParameters.KOPIA_FILESYSTEM_DEFAULT;
        } catch (IOException e) {
            throw io(e, "reading " + shardsFile);
        }
        return new FilesystemBlobStore(dir, new FileLayout.Sharded(parameters));
    }

    /** A kopia filesystem repository with explicit sharding parameters (the {@code .shards} file is not read). */
    public static FilesystemBlobStore kopia(Path root, ShardingParameters parameters) {
        return new FilesystemBlobStore(checkedRoot(root),
                new FileLayout.Sharded(Objects.requireNonNull(parameters, "parameters")));
    }

    /** A plain directory tree whose relative file paths are the blob ids. */
    public static FilesystemBlobStore plain(Path root) {
        return new FilesystemBlobStore(checkedRoot(root), new FileLayout.Plain());
    }

    private static Path checkedRoot(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new StorageException(Reason.NOT_FOUND, "repository directory " + dir + " does not exist or is not "
                    + "a directory", false, "a filesystem repository is read from a local path; mount the share "
                    + "(e.g. the NFS export behind filesystem:///repository) at that path", null);
        }
        return dir;
    }

    public Path root() {
        return root;
    }

    /** The sharding in use, or empty for a plain store. */
    public Optional<ShardingParameters> sharding() {
        return switch (layout) {
            case FileLayout.Sharded s -> Optional.of(s.parameters());
            case FileLayout.Plain p -> Optional.empty();
        };
    }

    /** The file that holds {@code id}, or empty when no file below the root can hold it. */
    public Optional<Path> pathOf(BlobId id) {
        return layout.segments(id).flatMap(this::below);
    }

    private Optional<Path> below(List<String> segments) {
        Path p = root;
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("/") || s.contains("\\")) {
                return Optional.empty();
            }
            p = p.resolve(s);
        }
        Path normalized = p.normalize();
        return normalized.startsWith(root) && !normalized.equals(root) ? Optional.of(normalized) : Optional.empty();
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        Optional<Path> path = pathOf(id);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path.get(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new BlobMetadata(id, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw io(e, "reading metadata of blob " + id + " in " + describe());
        }
    }

    /**
     * The most one read call asks for. The JDK reads into a heap buffer through a temporary direct buffer of the
     * call's size, cached per thread: reading whole ranges (contents of up to several MiB) made it allocate, zero and
     * page in a new native buffer whenever a larger range came along and kept the largest per thread, while chunks
     * of this size reuse one small buffer that stays in the CPU cache.
     */
    private static final int READ_CHUNK_BYTES = 256 << 10;

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        return readRange(id, range, null);
    }

    /** Reads straight into {@code into}: no array per read, which is what deep verification and extraction do. */
    @Override
    public int read(BlobId id, ByteRange range, byte[] into) {
        BlobStore.checkInto(range, into);
        readRange(id, range, into);
        return (int) range.length();
    }

    /** Reads {@code range} into {@code into}, or into a new array of the range's length when it is null. */
    private byte[] readRange(BlobId id, ByteRange range, byte[] into) {
        Path path = pathOf(id).orElseThrow(() -> new BlobNotFoundException(id, describe()));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (!Files.isRegularFile(path)) {
                throw new BlobNotFoundException(id, describe());
            }
            long size = channel.size();
            long end = range.toEnd() ? size : range.offset() + range.length();
            if (range.offset() > size || end > size) {
                throw pastEnd(id, size, range);
            }
            long count = end - range.offset();
            if (count > Integer.MAX_VALUE - 16) {
                throw new StorageException(Reason.UNSUPPORTED, "range " + range + " of blob " + id + " in "
                        + describe() + " is too large to read at once", false);
            }
            byte[] target = into != null ? into : new byte[(int) count];
            ByteBuffer buffer = ByteBuffer.wrap(target, 0, (int) count);
            long position = range.offset();
            while (buffer.position() < count) {
                buffer.limit((int) Math.min(count, buffer.position() + READ_CHUNK_BYTES));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw pastEnd(id, position, range); // the file shrank while being read
                }
                position += n;
            }
            return target;
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new BlobNotFoundException(id, describe());
        } catch (IOException e) {
            if (Files.isDirectory(path)) {
                throw new BlobNotFoundException(id, describe());
            }
            throw io(e, "reading blob " + id + " in " + describe());
        }
    }

    private StorageException pastEnd(BlobId id, long length, ByteRange range) {
        return new StorageException(Reason.CORRUPT, "blob " + id + " in " + describe() + " has " + length
                + " bytes, range " + range + " requested", false);
    }

    private static StorageException io(IOException e, String what) {
        if (e instanceof AccessDeniedException) {
            return new StorageException(Reason.UNAVAILABLE, "permission denied " + what, false,
                    "check the file permissions and the user rewind runs as", e);
        }
        return new StorageException(Reason.UNAVAILABLE, "I/O error " + what + ": " + e.getClass().getSimpleName(),
                true, null, e);
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        var walk = new Walk(prefix);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walk, Spliterator.NONNULL
                | Spliterator.DISTINCT), false).onClose(walk::close);
    }

    /** A lazy depth-first walk of the directories that can hold ids with the prefix. */
    private final class Walk implements Iterator<BlobMetadata> {
        private record Frame(DirectoryStream<Path> stream, Iterator<Path> entries, String idPrefix) {
        }

        private final String prefix;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private BlobMetadata next;

        Walk(String prefix) {
            this.prefix = prefix;
            push(root, "");
        }

        private void push(Path dir, String idPrefix) {
            try {
                DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
                stack.push(new Frame(stream, stream.iterator(), idPrefix));
            } catch (NoSuchFileException | NotDirectoryException e) {
                // removed meanwhile: nothing to list there
            } catch (IOException e) {
                throw io(e, "listing " + dir + " in " + describe());
            }
        }

        private boolean compatible(String idPrefix) {
            return idPrefix.length() < prefix.length() ? prefix.startsWith(idPrefix) : idPrefix.startsWith(prefix);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !stack.isEmpty()) {
                Frame frame = stack.peek();
                Path entry;
                try {
                    if (!frame.entries().hasNext()) {
                        stack.pop();
                        closeQuietly(frame);
                        continue;
                    }
                    entry = frame.entries().next();
                } catch (java.nio.file.DirectoryIteratorException e) {
                    throw io(e.getCause(), "listing " + describe());
                }
                visit(frame.idPrefix(), entry);
            }
            return next != null;
        }

        private void visit(String idPrefix, Path entry) {
            String name = entry.getFileName().toString();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return; // a temporary file renamed or removed meanwhile
            } catch (IOException e) {
                throw io(e, "listing " + entry + " in " + describe());
            }
            if (attributes.isDirectory()) {
                String childPrefix = layout.directoryPrefix(idPrefix, name);
                if (compatible(childPrefix)) {
                    push(entry, childPrefix);
                }
                return;
            }
            if (!attributes.isRegularFile()) {
                return;
            }
            Optional<String> id = layout.blobId(idPrefix, name).filter(i -> i.startsWith(prefix));
            if (id.isEmpty()) {
                return;
            }
            try {
                next = new BlobMetadata(BlobId.of(id.get()), attributes.size(),
                        attributes.lastModifiedTime().toInstant());
            } catch (RuntimeException invalidId) {
                // a file name that is no valid blob id cannot be addressed; skip it
            }
        }

        @Override
        public BlobMetadata next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BlobMetadata result = next;
            next = null;
            return result;
        }

        void close() {
            while (!stack.isEmpty()) {
                closeQuietly(stack.pop());
            }
        }

        private static void closeQuietly(Frame frame) {
            try {
                frame.stream().close();
            } catch (IOException ignored) {
                // a directory handle that fails to close leaks nothing we could recover
            }
        }
    }

    @Override
    public String describe() {
        return layout.scheme() + root;
    }
}
