package dev.rewind.verify;

import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.DirectorySummary;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The verify workflow: reads a Kopia repository and reports, per source, whether its backups can be trusted
 * (DESIGN.md §1 "read the truth, not the status"). Findings are data ({@link Finding}); only failures to verify at
 * all (storage unavailable, unsupported format, interruption) are thrown as {@code RewindException}.
 *
 * <p>Per source, in order:
 * <ol>
 *   <li><b>freshness</b> (RPO): the newest complete snapshot started at most {@link VerifyPolicy#maxAge()} ago
 *       ({@link Finding.StaleBackup}); no snapshot at all is {@link Finding.NoSnapshots};</li>
 *   <li><b>completeness</b>: incomplete (checkpoint) snapshots and snapshots that recorded errors;</li>
 *   <li><b>retention coverage</b> against {@link VerifyPolicy#retain()} ({@link RetentionCoverage} states the
 *       bucketing and its simplifications);</li>
 *   <li><b>emptiness regression</b>: the newest complete snapshot has no files, or fewer files/bytes than the shrink
 *       threshold times its complete predecessor's (whole-tree counts from the root summary; volsync.md §2.5);</li>
 *   <li><b>structure</b>: every object of the newest snapshot and the newest complete snapshot (or every snapshot with
 *       {@link VerifyPolicy#allSnapshots()}) resolves in the index, and every pack holding it exists and is long
 *       enough — against ONE listing of the {@code p}/{@code q} blobs (kopia-format.md §8);</li>
 *   <li><b>content</b>: {@link VerifyPolicy#verifyPercent()} of the files (a draw per file object from a seed taken
 *       from the injected random generator, so the sample does not depend on thread scheduling) have every content
 *       read, decrypted (the AEAD tag is Kopia's integrity check) and decompressed; directories are always read.</li>
 * </ol>
 * Each content and each directory is visited once per run, across snapshots and sources; a damaged content is
 * reported once, at the first path that references it.
 *
 * <p><b>Memory</b> is bounded whatever the repository size, and no file data is held beyond the contents being
 * checked: O(packs) for the pack-length map (~100 bytes per pack) + O(distinct contents and directories visited) for
 * the visited sets (~30–60 bytes each, 128-bit fingerprints) + per thread decrypting (the workers and the caller)
 * one set of reused {@link dev.rewind.kopia.content.ContentBuffers} (stored, decrypted and zstd-decompressed bytes,
 * each at most 16 MiB; a larger content, or one compressed in another format, takes arrays of its own while it is
 * checked) + at most 4 × parallelism scheduled tree entries + per thread the parsed listings of the directories on
 * its current path (a thread that finds the queue full processes the entry itself, so this is bounded by the tree
 * depth) + at most {@link VerifyPolicy#maxFindingsPerSource()} findings per source. The repository's own content
 * index is loaded by {@link KopiaRepository#open} and not counted here.
 *
 * <p>The tree walk is parallel like kopia's: directories and files are checked on a pool of
 * {@link VerifyPolicy#parallelism()} threads with a bounded number of scheduled entries.
 *
 * <p>Progress goes to the {@link ProgressListener} only (phases, periodic counts, each finding as it is found, a
 * final summary), delivered one event at a time. Uses the injected {@link Clock} for ages and durations. Not
 * thread-safe: one {@link #verify} call at a time per instance.
 */
public final class Verifier {
    static final String WORKFLOW = "verify";

    private final KopiaRepository repository;
    private final Clock clock;
    private final RandomGenerator random;
    private final ProgressListener listener;

    public Verifier(KopiaRepository repository, Clock clock, RandomGenerator random, ProgressListener listener) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = ProgressListener.serialized(Objects.requireNonNull(listener, "listener"));
    }

    /** Verifies every source of the repository. */
    public VerifyReport verify(VerifyPolicy policy) {
        return verify(repository.catalog().sources(), policy);
    }

    /**
     * Verifies the given sources (a source without snapshots yields {@link Finding.NoSnapshots} — a wrong identity
     * is a finding, not an error).
     */
    public VerifyReport verify(List<SourceInfo> sources, VerifyPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Instant startedAt = clock.instant();
        String where = repository.describe();
        listener.on(new ProgressEvent.PhaseStarted(WORKFLOW, where, "list-packs"));
        PackLengths packs = PackLengths.list(repository.store());
        VisitedSet contents = new VisitedSet();
        VisitedSet objects = new VisitedSet();
        ExecutorService pool = Executors.newFixedThreadPool(policy.parallelism(), workerThreads());
        try {
            List<VerifyReport.SourceReport> reports = new ArrayList<>();
            for (SourceInfo source : new LinkedHashSet<>(sources)) {
                reports.add(verifySource(source, policy, packs, contents, objects, pool));
            }
            Duration duration = Duration.between(startedAt, clock.instant());
            VerifyReport report = new VerifyReport(startedAt, duration, packs.size(), reports);
            listener.on(new ProgressEvent.Finished(WORKFLOW, where, duration, reports.size() + " source(s), "
                    + report.findings().size() + " finding(s)" + (report.hasErrors() ? ", with errors" : "")));
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    private VerifyReport.SourceReport verifySource(SourceInfo source, VerifyPolicy policy, PackLengths packs,
                                                   VisitedSet contents, VisitedSet objects, ExecutorService pool) {
        Instant startedAt = clock.instant();
        String subject = source.toString();
        listener.on(new ProgressEvent.PhaseStarted(WORKFLOW, subject, "snapshots"));
        FindingSink sink = new FindingSink(subject, policy.maxFindingsPerSource(), listener);
        List<SnapshotManifest> snapshots = repository.catalog().snapshots(source);
        if (snapshots.isEmpty()) {
            sink.add(new Finding.NoSnapshots(source));
            return finish(source, startedAt, 0, Optional.empty(), Optional.empty(), 0, Optional.empty(), sink);
        }
        Optional<SnapshotManifest> newestComplete = snapshots.stream().filter(SnapshotManifest::isComplete)
                .findFirst();
        Instant now = clock.instant();
        Optional<Duration> age = newestComplete.map(s -> Duration.between(s.startAt(), now));
        policy.maxAge().ifPresent(max -> {
            if (age.isEmpty() || age.get().compareTo(max) > 0) {
                sink.add(new Finding.StaleBackup(source, newestComplete.map(SnapshotManifest::id), age, max));
            }
        });
        for (SnapshotManifest s : snapshots) {
            s.incompleteReason().ifPresent(reason -> sink.add(new Finding.IncompleteSnapshot(source, s.id(), reason)));
            long errors = Math.max(s.stats().errorCount(),
                    s.rootSummary().map(DirectorySummary::failedCount).orElse(0L));
            if (errors > 0) {
                boolean newest = newestComplete.map(n -> n.id().equals(s.id())).orElse(false);
                sink.add(new Finding.SnapshotWithErrors(source, s.id(), errors,
                        newest ? Severity.ERROR : Severity.WARNING));
            }
        }
        policy.retain().ifPresent(retain ->
                RetentionCoverage.check(source, snapshots, retain, policy.maxAge(), now).forEach(sink::add));
        newestComplete.ifPresent(newest -> checkEmptiness(source, snapshots, newest, policy, sink));

        Set<SnapshotManifest> targets = new LinkedHashSet<>();
        if (policy.allSnapshots()) {
            targets.addAll(snapshots);
        } else {
            targets.add(snapshots.getFirst());
            newestComplete.ifPresent(targets::add);
        }
        targets.removeIf(s -> s.root().isEmpty());
        listener.on(new ProgressEvent.PhaseStarted(WORKFLOW, subject, "check-contents"));
        TreeCheck check = new TreeCheck(repository, packs, contents, objects, pool, policy.parallelism(),
                policy.verifyPercent(), random, sink, listener, source);
        for (SnapshotManifest target : targets) {
            check.verify(target);
        }
        return finish(source, startedAt, snapshots.size(), newestComplete, age, targets.size(), Optional.of(check),
                sink);
    }

    private static void checkEmptiness(SourceInfo source, List<SnapshotManifest> snapshots, SnapshotManifest newest,
                                       VerifyPolicy policy, FindingSink sink) {
        Optional<SnapshotManifest> predecessor = snapshots.stream()
                .dropWhile(s -> !s.id().equals(newest.id())).skip(1)
                .filter(SnapshotManifest::isComplete).findFirst();
        long files = fileCount(newest);
        long predecessorFiles = predecessor.map(Verifier::fileCount).orElse(0L);
        if (files == 0) {
            sink.add(new Finding.EmptySnapshot(source, newest.id(), predecessor.map(SnapshotManifest::id),
                    predecessorFiles, predecessorFiles > 0 ? Severity.ERROR : Severity.WARNING));
            return;
        }
        if (predecessor.isEmpty() || policy.shrinkThreshold() == 0) {
            return;
        }
        long size = sizeBytes(newest);
        long predecessorSize = sizeBytes(predecessor.get());
        boolean fewerFiles = files < policy.shrinkThreshold() * predecessorFiles;
        boolean fewerBytes = size < policy.shrinkThreshold() * predecessorSize;
        if (fewerFiles || fewerBytes) {
            sink.add(new Finding.ShrunkSnapshot(source, newest.id(), predecessor.get().id(), files, predecessorFiles,
                    size, predecessorSize));
        }
    }

    /** Files in the whole tree: the root summary when stored, else the run's stats (uploaded + cached files). */
    private static long fileCount(SnapshotManifest s) {
        return s.rootSummary().map(DirectorySummary::fileCount)
                .orElse(s.stats().fileCount() + s.stats().cachedFiles());
    }

    private static long sizeBytes(SnapshotManifest s) {
        return s.rootSummary().map(DirectorySummary::totalSizeBytes).orElse(s.stats().totalSizeBytes());
    }

    private VerifyReport.SourceReport finish(SourceInfo source, Instant startedAt, int snapshotCount,
                                             Optional<SnapshotManifest> newestComplete, Optional<Duration> age,
                                             int verified, Optional<TreeCheck> check, FindingSink sink) {
        Duration duration = Duration.between(startedAt, clock.instant());
        var report = new VerifyReport.SourceReport(source, snapshotCount, newestComplete.map(SnapshotManifest::id),
                newestComplete.map(SnapshotManifest::startAt), age, verified,
                check.map(TreeCheck::checked).orElse(0L), check.map(TreeCheck::decrypted).orElse(0L),
                check.map(TreeCheck::bytesDecrypted).orElse(0L), duration, sink.findings(), sink.suppressed());
        listener.on(new ProgressEvent.Finished(WORKFLOW, source.toString(), duration,
                report.contentsChecked() + " contents checked, " + report.contentsDecrypted() + " decrypted, "
                        + report.findings().size() + " finding(s)"));
        return report;
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "rewind-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
