package dev.rewind.extract;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.DirectorySummary;
import dev.rewind.kopia.snapshot.SnapshotTree;
import dev.rewind.kopia.snapshot.TreeNode;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The extract workflow: writes a snapshot, or one path of it, to a local directory — restore parity with
 * {@code kopia snapshot restore} (kopia-format.md §7.5): directories, files, symlinks, POSIX modes including
 * setuid/setgid/sticky where the file system permits, mtimes, and numeric owners only when asked and running as
 * root.
 *
 * <p>Contract:
 * <ul>
 *   <li>A non-empty target is refused ({@link Reason#INVALID_INPUT}) unless {@link ExtractRequest#force()} is set or
 *       it holds the progress marker of an interrupted extraction of the same snapshot and path
 *       ({@value #MARKER}, removed when the extraction completes) — so re-running an interrupted extract resumes.</li>
 *   <li>Files are streamed content by content (each content is read and decrypted into a writer's reusable arrays,
 *       {@link ContentBuffers}, and goes from there to the kernel through a small direct staging buffer,
 *       {@link StagedFileOutput}; file data is never held whole) to a temporary name in the destination directory,
 *       given their mode and mtime, then renamed atomically: a file under its final name is always complete. A
 *       re-run skips files whose size and mtime already match.</li>
 *   <li>Entry names that would escape the target ({@code ""}, {@code .}, {@code ..}, containing {@code /} or NUL)
 *       are refused with {@link Reason#CORRUPT} naming the entry, before anything is written for them.</li>
 *   <li>Directory modes and mtimes are applied last, deepest first, so read-only directories can be filled.</li>
 *   <li>Failures: {@link Reason#NOT_FOUND} for a path not in the snapshot, {@link Reason#CORRUPT} for damaged
 *       repository data, {@link Reason#UNAVAILABLE} for local I/O errors and unreachable storage; the files written
 *       so far stay, and a re-run resumes.</li>
 * </ul>
 *
 * <p>Memory: per writer, its {@link ContentBuffers} (three arrays of at most 16 MiB: stored, decrypted and
 * decompressed bytes; a larger content, or a compressed one in a format other than zstd, takes arrays of its own
 * while it is written) and a 256 KiB direct staging buffer; the walk's directory listings along the current path,
 * 2 × parallelism queued file entries, and one small record per directory (its attributes, applied at the end).
 * The writers' buffers are kept for the next call of the same extractor. Thread-safe: calls share nothing but those
 * buffers, each used by one writer at a time.
 */
public final class Extractor {
    static final String WORKFLOW = "extract";
    static final String MARKER = ".rewind-extract.partial";
    private static final String TEMP_SUFFIX = ".rewind-partial";
    private static final long PROGRESS_EVERY_FILES = 100;
    /** Small enough to stay in a core's cache between the copy into it and the kernel's copy out of it. */
    private static final int STAGING_BUFFER_BYTES = 256 << 10;

    private final KopiaRepository repository;
    private final Clock clock;
    private final ProgressListener listener;
    /**
     * One set of buffers per writer, reused from file to file and from one extraction to the next of this extractor
     * (at most as many sets as writers ever ran at once).
     */
    private final Queue<WriterBuffers> writerBuffers = new ConcurrentLinkedQueue<>();

    public Extractor(KopiaRepository repository, Clock clock, ProgressListener listener) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ProgressListener.serialized(Objects.requireNonNull(listener, "listener"));
    }

    /** Extracts as the request says; see the class comment for the contract. */
    public ExtractReport extract(ExtractRequest request) {
        Instant startedAt = clock.instant();
        SnapshotTree tree = repository.tree();
        String path = SnapshotTree.normalize(request.path());
        DirectoryEntry start = tree.getEntry(request.snapshot(), path);
        Path target = request.target().toAbsolutePath().normalize();
        String marker = request.snapshot().id() + "\n" + path + "\n";
        prepareTarget(target, marker, request.force());
        String subject = request.snapshot().id() + (path.isEmpty() ? "" : ":" + path) + " -> " + target;
        listener.on(new ProgressEvent.PhaseStarted(WORKFLOW, subject, "write-files"));
        Run run = new Run(request, tree, target, subject, totalBytes(start));
        run.walk(start);
        deleteQuietly(target.resolve(MARKER));
        run.applyDirectoryAttributes();
        Duration duration = Duration.between(startedAt, clock.instant());
        ExtractReport report = new ExtractReport(request.snapshot().id(), path, target, run.files.get(),
                run.directories, run.symlinks, run.bytesWritten.get(), run.skippedFiles.get(), run.skippedBytes.get(),
                run.otherEntries, run.attributesNotApplied.get(), duration);
        listener.on(new ProgressEvent.Finished(WORKFLOW, subject, duration, report.files() + " files, "
                + report.directories() + " directories, " + report.symlinks() + " symlinks, " + report.bytesWritten()
                + " bytes written, " + report.skippedFiles() + " files already complete"));
        return report;
    }

    private static OptionalLong totalBytes(DirectoryEntry start) {
        return switch (start) {
            case DirectoryEntry.Directory d -> d.summary().map(DirectorySummary::totalSizeBytes)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
            case DirectoryEntry.File f -> OptionalLong.of(f.sizeBytes());
            default -> OptionalLong.empty();
        };
    }

    private static void prepareTarget(Path target, String marker, boolean force) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
                throw new RewindException(Reason.INVALID_INPUT, "target " + target + " exists and is not a directory");
            }
            Files.createDirectories(target);
            Path markerFile = target.resolve(MARKER);
            boolean resuming = Files.isRegularFile(markerFile, LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(markerFile, StandardCharsets.UTF_8).equals(marker);
            boolean empty;
            try (Stream<Path> children = Files.list(target)) {
                empty = children.allMatch(p -> p.getFileName().toString().equals(MARKER));
            }
            if (!empty && !resuming && !force) {
                throw new RewindException(Reason.INVALID_INPUT, "target directory " + target + " is not empty",
                        "choose an empty directory, or force writing into it (complete files are skipped)", null);
            }
            Files.writeString(markerFile, marker, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw io("cannot prepare target directory " + target, e);
        }
    }

    private static RewindException io(String message, IOException e) {
        return new RewindException(Reason.UNAVAILABLE, message + ": " + e, e);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the marker only matters for resuming; a left-over marker is harmless
        }
    }

    /** One extraction: the walk on the calling thread, file writes on a bounded pool. */
    private final class Run {
        private record DirectoryAttributes(Path path, DirectoryEntry.Directory entry) {
        }

        private final ExtractRequest request;
        private final SnapshotTree tree;
        private final Path target;
        private final String subject;
        private final OptionalLong totalBytes;
        private final boolean applyOwner;
        private final List<DirectoryAttributes> directoryAttributes = new ArrayList<>();
        private final AtomicLong files = new AtomicLong();
        private final AtomicLong bytesWritten = new AtomicLong();
        private final AtomicLong skippedFiles = new AtomicLong();
        private final AtomicLong skippedBytes = new AtomicLong();
        private final AtomicLong attributesNotApplied = new AtomicLong();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private long directories;
        private long symlinks;
        private long otherEntries;

        Run(ExtractRequest request, SnapshotTree tree, Path target, String subject, OptionalLong totalBytes) {
            this.request = request;
            this.tree = tree;
            this.target = target;
            this.subject = subject;
            this.totalBytes = totalBytes;
            this.applyOwner = request.restoreOwner() && RootCheck.isRoot();
        }

        void walk(DirectoryEntry start) {
            int slotCount = request.parallelism() * 2;
            Semaphore slots = new Semaphore(slotCount);
            ExecutorService pool = Executors.newFixedThreadPool(request.parallelism(), writerThreads());
            try (Stream<TreeNode> nodes = tree.walk(new TreeNode("", start))) {
                Iterator<TreeNode> it = nodes.iterator();
                while (it.hasNext()) {
                    rethrowFailure();
                    if (Thread.currentThread().isInterrupted()) {
                        throw new RewindException(Reason.INTERRUPTED, "extraction to " + target + " interrupted");
                    }
                    TreeNode node = it.next();
                    Path destination = destination(node, start);
                    switch (node.entry()) {
                        case DirectoryEntry.Directory dir -> {
                            makeDirectory(destination);
                            directoryAttributes.add(new DirectoryAttributes(destination, dir));
                            directories++;
                        }
                        case DirectoryEntry.Symlink link -> {
                            makeSymlink(destination, link);
                            symlinks++;
                        }
                        case DirectoryEntry.File file -> {
                            acquire(slots);
                            try {
                                pool.execute(() -> {
                                    try {
                                        if (failure.get() == null) {
                                            writeFile(destination, file);
                                        }
                                    } catch (RuntimeException e) {
                                        failure.compareAndSet(null, e);
                                    } finally {
                                        slots.release();
                                    }
                                });
                            } catch (RuntimeException e) {
                                slots.release();
                                throw e;
                            }
                        }
                        case DirectoryEntry.Other other -> otherEntries++;
                    }
                }
            } finally {
                slots.acquireUninterruptibly(slotCount);
                pool.shutdownNow();
            }
            rethrowFailure();
            reportProgress();
        }

        /** The local path of a node; the start entry itself maps to the target (a directory) or target/name. */
        private Path destination(TreeNode node, DirectoryEntry start) {
            if (node.path().isEmpty()) {
                return start instanceof DirectoryEntry.Directory ? target : target.resolve(checkedName(node));
            }
            checkedName(node);
            Path base = start instanceof DirectoryEntry.Directory ? target : target.resolve(start.name());
            Path resolved = base.resolve(node.path()).normalize();
            if (!resolved.startsWith(target) || resolved.equals(target)) {
                throw escape(node);
            }
            return resolved;
        }

        private String checkedName(TreeNode node) {
            String name = node.entry().name();
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                    || name.indexOf('\0') >= 0) {
                throw escape(node);
            }
            return name;
        }

        private RewindException escape(TreeNode node) {
            return new RewindException(Reason.CORRUPT, "snapshot " + request.snapshot().id() + " entry '"
                    + node.path() + "' (name '" + node.entry().name() + "') would escape the target directory "
                    + target + "; refusing to extract it");
        }

        private void makeDirectory(Path dir) {
            try {
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(dir);
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw io("cannot create directory " + dir, e);
            }
        }

        private void makeSymlink(Path link, DirectoryEntry.Symlink entry) {
            String linkTarget = tree.readSymlinkTarget(entry);
            try {
                if (Files.isSymbolicLink(link)) {
                    if (Files.readSymbolicLink(link).toString().equals(linkTarget)) {
                        setLinkTime(link, entry.modifiedAt());
                        return;
                    }
                    Files.delete(link);
                } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(link);
                }
                Files.createSymbolicLink(link, Path.of(linkTarget));
            } catch (IOException e) {
                throw io("cannot create symbolic link " + link, e);
            }
            setLinkTime(link, entry.modifiedAt());
        }

        private void setLinkTime(Path link, Instant mtime) {
            try {
                Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.from(mtime), null, null);
            } catch (IOException | UnsupportedOperationException e) {
                attributesNotApplied.incrementAndGet();
            }
        }

        private void writeFile(Path file, DirectoryEntry.File entry) {
            try {
                if (isComplete(file, entry)) {
                    skippedFiles.incrementAndGet();
                    skippedBytes.addAndGet(entry.sizeBytes());
                    counted();
                    return;
                }
                Path temp = file.resolveSibling("." + file.getFileName() + TEMP_SUFFIX);
                long written;
                WriterBuffers buffers = takeBuffers();
                try (OutputStream out = new StagedFileOutput(FileChannel.open(temp, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), buffers.staging())) {
                    written = tree.copyFile(entry, out, buffers.contents());
                } finally {
                    writerBuffers.add(buffers);
                }
                applyOwnerAndMode(temp, entry);
                Files.setLastModifiedTime(temp, FileTime.from(entry.modifiedAt()));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                bytesWritten.addAndGet(written);
                files.incrementAndGet();
                counted();
            } catch (IOException e) {
                throw io("cannot write file " + file, e);
            } catch (UncheckedIOException e) {
                throw io("cannot write file " + file, e.getCause());
            }
        }

        private WriterBuffers takeBuffers() {
            WriterBuffers buffers = writerBuffers.poll();
            return buffers != null ? buffers
                    : new WriterBuffers(ByteBuffer.allocateDirect(STAGING_BUFFER_BYTES), new ContentBuffers());
        }

        private static boolean isComplete(Path file, DirectoryEntry.File entry) throws IOException {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.size() == entry.sizeBytes()
                    && attributes.lastModifiedTime().toInstant().equals(entry.modifiedAt());
        }

        /** Owner first: chown clears setuid/setgid, so the mode comes after it. */
        private void applyOwnerAndMode(Path path, DirectoryEntry entry) {
            if (applyOwner) {
                try {
                    Files.setAttribute(path, "unix:uid", (int) entry.owner().uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", (int) entry.owner().gid(), LinkOption.NOFOLLOW_LINKS);
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    attributesNotApplied.incrementAndGet();
                }
            }
            int mode = entry.mode().posixBits();
            try {
                Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                attributesNotApplied.incrementAndGet();
                try {
                    Files.setAttribute(path, "unix:mode", mode & 0777, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
                    // counted above
                }
            }
        }

        /** Deepest first, so a read-only parent is locked only after its children are written. */
        void applyDirectoryAttributes() {
            for (int i = directoryAttributes.size() - 1; i >= 0; i--) {
                DirectoryAttributes d = directoryAttributes.get(i);
                applyOwnerAndMode(d.path(), d.entry());
                try {
                    Files.setLastModifiedTime(d.path(), FileTime.from(d.entry().modifiedAt()));
                } catch (IOException e) {
                    attributesNotApplied.incrementAndGet();
                }
            }
        }

        private void counted() {
            long done = files.get() + skippedFiles.get();
            if (done % PROGRESS_EVERY_FILES == 0) {
                reportProgress();
            }
        }

        private void reportProgress() {
            listener.on(new ProgressEvent.Progressed(WORKFLOW, subject, "write-files",
                    files.get() + skippedFiles.get(), OptionalLong.empty(),
                    bytesWritten.get() + skippedBytes.get(), totalBytes));
        }

        private void acquire(Semaphore slots) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException(Reason.INTERRUPTED, "extraction to " + target + " interrupted", e);
            }
        }

        private void rethrowFailure() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }

    /**
     * A writer's reusable buffers: the direct staging buffer on the way to the kernel ({@link StagedFileOutput}) and
     * the arrays contents are read and decrypted into ({@link ContentBuffers}).
     */
    private record WriterBuffers(ByteBuffer staging, ContentBuffers contents) {
    }

    private static java.util.concurrent.ThreadFactory writerThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "rewind-extract-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
