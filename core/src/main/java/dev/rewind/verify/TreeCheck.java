package dev.rewind.verify;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.index.IndexEntry;
import dev.rewind.kopia.object.ObjectId;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SnapshotTree;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import dev.rewind.storage.BlobId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Walks snapshot trees of one source and checks every object they reference (kopia-format.md §8), in parallel like
 * kopia's tree walker: directories (read, decrypted and parsed, as kopia does) and files are checked on a bounded
 * pool; each content and directory is checked once per run thanks to the shared {@link VisitedSet}s.
 *
 * <p>Per content: the index knows it ({@link Finding.MissingContent}), its pack was listed
 * ({@link Finding.MissingPack}) and is at least {@code offset + length} long ({@link Finding.TruncatedPack}); for
 * sampled files (and every directory) the content is read, decrypted and decompressed
 * ({@link Finding.UnreadableContent}). Damage ({@link Reason#CORRUPT}, {@link Reason#NOT_FOUND}) becomes a finding;
 * any other failure (storage unavailable, unsupported format, interruption) aborts the run.
 */
final class TreeCheck {
    private static final long PROGRESS_EVERY = 1000;

    private final KopiaRepository repository;
    private final SnapshotTree tree;
    private final PackLengths packs;
    private final VisitedSet contents;
    private final VisitedSet objects;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final AtomicInteger pending = new AtomicInteger();
    private final double verifyPercent;
    private final long sampleSeed;
    private final FindingSink sink;
    private final ProgressListener listener;
    private final SourceInfo source;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong decrypted = new AtomicLong();
    private final AtomicLong bytesDecrypted = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Reusable arrays for decrypting contents (see {@link ContentBuffers}); one per thread decrypting at a time. */
    private final Queue<ContentBuffers> contentBuffers = new ConcurrentLinkedQueue<>();

    TreeCheck(KopiaRepository repository, PackLengths packs, VisitedSet contents, VisitedSet objects,
              ExecutorService pool, int parallelism, double verifyPercent, RandomGenerator random, FindingSink sink,
              ProgressListener listener, SourceInfo source) {
        this.repository = repository;
        this.tree = repository.tree();
        this.packs = packs;
        this.contents = contents;
        this.objects = objects;
        this.pool = pool;
        this.slots = new Semaphore(parallelism * 4);
        this.verifyPercent = verifyPercent;
        this.sampleSeed = random.nextLong();
        this.sink = sink;
        this.listener = listener;
        this.source = source;
    }

    long checked() {
        return checked.get();
    }

    long decrypted() {
        return decrypted.get();
    }

    long bytesDecrypted() {
        return bytesDecrypted.get();
    }

    /**
     * Walks one snapshot and returns when every check it scheduled finished. Directories and files are checked on
     * the pool: a thread that finds no free slot (at most 4 × parallelism scheduled entries) processes the entry
     * itself, so nobody ever blocks on a full queue and recursion is bounded by the tree depth.
     */
    void verify(SnapshotManifest snapshot) {
        try {
            schedule(snapshot, "", snapshot.getRoot());
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        awaitIdle();
        rethrowFailure();
        reportProgress();
    }

    private void schedule(SnapshotManifest snapshot, String path, DirectoryEntry entry) {
        if (failure.get() != null) {
            return;
        }
        if (!slots.tryAcquire()) {
            process(snapshot, path, entry);
            return;
        }
        pending.incrementAndGet();
        try {
            pool.execute(() -> {
                try {
                    process(snapshot, path, entry);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    slots.release();
                    taskDone();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            taskDone();
            throw e;
        }
    }

    private void process(SnapshotManifest snapshot, String path, DirectoryEntry entry) {
        if (failure.get() != null) {
            return;
        }
        switch (entry) {
            case DirectoryEntry.Directory dir -> {
                for (DirectoryEntry child : readDirectory(snapshot, path, dir)) {
                    schedule(snapshot, path.isEmpty() ? child.name() : path + "/" + child.name(), child);
                }
            }
            case DirectoryEntry.File file -> checkFile(snapshot, path, file.object(), needed(file.object()));
            case DirectoryEntry.Symlink link -> checkFile(snapshot, path, link.object(), needed(link.object()));
            case DirectoryEntry.Other other -> {
                // sockets, devices, unknown types: nothing kopia restores, nothing to check
            }
        }
    }

    private void taskDone() {
        if (pending.decrementAndGet() == 0) {
            synchronized (pending) {
                pending.notifyAll();
            }
        }
    }

    private void awaitIdle() {
        synchronized (pending) {
            while (pending.get() > 0) {
                try {
                    pending.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new RewindException(Reason.INTERRUPTED,
                            "verification of " + source + " interrupted", e));
                    return;
                }
            }
        }
    }

    private List<DirectoryEntry> readDirectory(SnapshotManifest snapshot, String path, DirectoryEntry.Directory dir) {
        if (objects.raise(dir.object(), VisitedSet.DECRYPTED) != VisitedSet.NONE) {
            return List.of();
        }
        if (!checkObject(snapshot, path, dir.object(), VisitedSet.DECRYPTED)) {
            return List.of();
        }
        try {
            return tree.readDirectory(dir.object()).entries();
        } catch (RewindException e) {
            if (!isDamage(e)) {
                throw e;
            }
            ContentId content = dir.object().content();
            sink.add(new Finding.UnreadableContent(source, snapshot.id(), path, Optional.of(content),
                    packOf(content), e.getMessage()));
            return List.of();
        }
    }

    /**
     * Whether a file's contents are decrypted: a deterministic draw per object from the run's seed (taken from the
     * injected random generator), so the sample does not depend on thread scheduling.
     */
    private byte needed(ObjectId object) {
        if (verifyPercent >= 100) {
            return VisitedSet.DECRYPTED;
        }
        if (verifyPercent <= 0) {
            return VisitedSet.STRUCTURE;
        }
        long x = sampleSeed ^ object.content().hashCode() * 0x9E3779B97F4A7C15L ^ object.indirection();
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        x ^= x >>> 31;
        double draw = (x >>> 11) * 0x1.0p-53 * 100;
        return draw < verifyPercent ? VisitedSet.DECRYPTED : VisitedSet.STRUCTURE;
    }

    private void checkFile(SnapshotManifest snapshot, String path, ObjectId object, byte needed) {
        if (object.isIndirect() && objects.raise(object, needed) >= needed) {
            return;
        }
        if (!checkObject(snapshot, path, object, needed) && object.isIndirect()) {
            objects.raise(object, VisitedSet.BROKEN);
        }
    }

    /** Checks every content backing {@code object}; false when a finding was reported for it. */
    private boolean checkObject(SnapshotManifest snapshot, String path, ObjectId object, byte needed) {
        boolean[] ok = {true};
        try {
            repository.objects().forEachBackingContent(object, content -> {
                if (!checkContent(snapshot, path, content, needed)) {
                    ok[0] = false;
                }
            });
        } catch (RewindException e) {
            if (!isDamage(e)) {
                throw e;
            }
            if (ok[0]) {
                sink.add(new Finding.UnreadableContent(source, snapshot.id(), path, Optional.of(object.content()),
                        packOf(object.content()), e.getMessage()));
            }
            return false;
        }
        return ok[0];
    }

    private boolean checkContent(SnapshotManifest snapshot, String path, ContentId content, byte needed) {
        byte previous = contents.raise(content, needed);
        if (previous == VisitedSet.BROKEN) {
            return false;
        }
        if (previous >= needed) {
            return true;
        }
        Optional<IndexEntry> found = repository.index().find(content);
        if (found.isEmpty()) {
            broken(content, new Finding.MissingContent(source, snapshot.id(), path, content));
            return false;
        }
        IndexEntry entry = found.get();
        if (previous < VisitedSet.STRUCTURE) {
            OptionalLong packLength = packs.find(entry.packBlobId());
            if (packLength.isEmpty()) {
                broken(content, new Finding.MissingPack(source, snapshot.id(), path, content, entry.packBlobId()));
                return false;
            }
            long required = entry.packOffset() + entry.packedLengthBytes();
            if (required > packLength.getAsLong()) {
                broken(content, new Finding.TruncatedPack(source, snapshot.id(), path, content, entry.packBlobId(),
                        required, packLength.getAsLong()));
                return false;
            }
            if (checked.incrementAndGet() % PROGRESS_EVERY == 0) {
                reportProgress();
            }
        }
        if (needed >= VisitedSet.DECRYPTED) {
            ContentBuffers buffers = takeBuffers();
            try {
                repository.contents().read(entry, buffers);
            } catch (RewindException e) {
                if (!isDamage(e)) {
                    throw e;
                }
                broken(content, new Finding.UnreadableContent(source, snapshot.id(), path, Optional.of(content),
                        Optional.of(entry.packBlobId()), e.getMessage()));
                return false;
            } finally {
                contentBuffers.add(buffers);
            }
            decrypted.incrementAndGet();
            bytesDecrypted.addAndGet(entry.packedLengthBytes());
        }
        return true;
    }

    /** A free set of content buffers: at most one per thread decrypting at a time, reused for the whole check. */
    private ContentBuffers takeBuffers() {
        ContentBuffers buffers = contentBuffers.poll();
        return buffers != null ? buffers : new ContentBuffers();
    }

    private void broken(ContentId content, Finding finding) {
        contents.raise(content, VisitedSet.BROKEN);
        sink.add(finding);
    }

    private Optional<BlobId> packOf(ContentId content) {
        return repository.index().find(content).map(IndexEntry::packBlobId);
    }

    private void reportProgress() {
        listener.on(new ProgressEvent.Progressed(Verifier.WORKFLOW, source.toString(), "check-contents",
                checked.get(), OptionalLong.empty(), bytesDecrypted.get(), OptionalLong.empty()));
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private static boolean isDamage(RewindException e) {
        return e.reason() == Reason.CORRUPT || e.reason() == Reason.NOT_FOUND;
    }
}
