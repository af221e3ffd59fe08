package dev.rewind.server;

import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanFinding;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.barman.RecoveryWindow;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.progress.ProgressListener;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.RepositoryLocation;
import dev.rewind.storage.StorageMeter;
import dev.rewind.verify.Finding;
import dev.rewind.verify.VerifyPolicy;
import dev.rewind.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check of one target over the core workflows ({@link dev.rewind.verify.Verifier} for a configured
 * repository, {@link dev.rewind.verify.AppsVerifier} for a discovered app's own source, {@link BarmanVerifier},
 * and {@link AppBackup} for backup triggers), records the {@link Run} in the {@link RunStore} and hands it to the run listener
 * (notifications). Every storage request goes through the shared {@link StorageMeter}. A check that cannot run
 * (storage down, wrong password) becomes a run with {@link Outcome#ERROR}, never an exception. Thread-safe; the
 * scheduler guarantees one run at a time per check.
 */
public final class CheckRunner {
    /** Findings kept per run; further ones are counted in {@link Run#suppressedFindings()}. */
    public static final int MAX_FINDINGS_KEPT = 100;
    /** Verify worker threads per run: many targets share the machine. */
    static final int VERIFY_PARALLELISM = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    /** Derived format keys of the repositories checked (see {@link FormatKeyCache}): 200 apps and some rotation. */
    private final dev.rewind.kopia.format.FormatKeyDeriver formatKeys = new FormatKeyCache(
            dev.rewind.kopia.format.FormatKeyDeriver.direct(), 1024);

    private final TargetCatalog catalog;
    private final Optional<AppBackup> backups;
    private final BlobStoreFactory stores;
    private final StorageMeter meter;
    private final Map<String, String> environment;
    private final Clock clock;
    private final RandomGenerator random;
    private final RunStore runs;
    private final Consumer<Run> listener;

    /**
     * @param environment where storage credentials come from ({@code AWS_ACCESS_KEY_ID}, …)
     * @param listener    receives every finished run, after it is stored (must not throw)
     */
    public CheckRunner(Targets targets, BlobStoreFactory stores, StorageMeter meter, Map<String, String> environment,
                       Clock clock, RandomGenerator random, RunStore runs, Consumer<Run> listener) {
        this(TargetCatalog.fixed(targets), Optional.empty(), stores, meter, environment, clock, random, runs,
                listener);
    }

    /**
     * @param catalog the targets, configured and discovered (they change while the server runs)
     * @param backups how a discovered app is backed up ({@link CheckKind#BACKUP}); empty: backup triggers are off
     */
    public CheckRunner(TargetCatalog catalog, Optional<AppBackup> backups, BlobStoreFactory stores,
                       StorageMeter meter, Map<String, String> environment, Clock clock, RandomGenerator random,
                       RunStore runs, Consumer<Run> listener) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.environment = Map.copyOf(environment);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The current targets (a snapshot: discovery may replace them at any time). */
    public Targets targets() {
        return catalog.current();
    }

    public TargetCatalog catalog() {
        return catalog;
    }

    public RunStore runs() {
        return runs;
    }

    /**
     * Runs {@code kind} on {@code target} now and returns the recorded run.
     *
     * @throws RewindException NOT_FOUND when the target does not exist or the check does not apply to it
     */
    public Run run(TargetName target, CheckKind kind) {
        RunId id = runs.nextId();
        Instant startedAt = clock.instant();
        Result result;
        Targets targets = targets();
        Optional<AppTarget> app = targets.discovered().findApp(target);
        Optional<ClusterArchiveTarget> clusterArchive = targets.discovered().findArchive(target);
        try {
            result = switch (kind) {
                case QUICK_VERIFY, DEEP_VERIFY -> app.isPresent() ? verify(app.get(), kind)
                        : verify(repository(targets, target, kind), kind);
                case BARMAN_VERIFY -> clusterArchive.isPresent() ? barman(clusterArchive.get())
                        : barman(archive(targets, target));
                case BACKUP -> backup(app.orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                        "no discovered app named " + target + " for " + kind.label())));
                case DRILL -> throw new RewindException(Reason.UNSUPPORTED, "drills are not target checks: "
                        + "DrillRunner runs them");
            };
        } catch (RewindException e) {
            if (e.reason() == Reason.NOT_FOUND && targets.kindsOf(target).isEmpty()) {
                throw e;
            }
            result = new Result(Outcome.ERROR, List.of(), 0, Optional.of(oneLine(e.reason() + ": " + e.getMessage())),
                    Observations.NONE);
        } catch (RuntimeException e) {
            LOG.warn("{} of {} failed unexpectedly", kind.label(), target, e);
            result = new Result(Outcome.ERROR, List.of(), 0, Optional.of(oneLine("INTERNAL: " + e)),
                    Observations.NONE);
        }
        Run run = new Run(id, target, kind, startedAt, Duration.between(startedAt, clock.instant()), result.outcome,
                result.findings, result.suppressed, result.error, result.observations);
        runs.add(run);
        LOG.info("run {}: {} of {}: {} ({} findings)", id, kind.label(), target, run.outcome().label(),
                run.findings().size() + run.suppressedFindings());
        listener.accept(run);
        return run;
    }

    private record Result(Outcome outcome, List<RunFinding> findings, long suppressed, Optional<String> error,
                          Observations observations) {
        static Result of(List<RunFinding> all, Observations observations) {
            List<RunFinding> sorted = all.stream()
                    .sorted(Comparator.comparing(RunFinding::severity).reversed()).toList();
            boolean failing = sorted.stream().anyMatch(f -> f.severity() == FindingSeverity.ERROR);
            List<RunFinding> kept = sorted.subList(0, Math.min(MAX_FINDINGS_KEPT, sorted.size()));
            return new Result(failing ? Outcome.FAILING : Outcome.HEALTHY, kept, sorted.size() - kept.size(),
                    Optional.empty(), observations);
        }
    }

    private static RepositoryTarget repository(Targets targets, TargetName name, CheckKind kind) {
        return targets.findRepository(name).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "no repository target named " + name + " for " + kind.label()));
    }

    private static ArchiveTarget archive(Targets targets, TargetName name) {
        return targets.findArchive(name).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "no archive target named " + name + " for " + CheckKind.BARMAN_VERIFY.label()));
    }

    private Result verify(RepositoryTarget target, CheckKind kind) {
        double percent = (kind == CheckKind.DEEP_VERIFY ? target.deepVerify() : target.quickVerify())
                .map(Schedule::samplePercent).orElse(kind == CheckKind.DEEP_VERIFY ? 10.0 : 0.0);
        VerifyPolicy policy = VerifyPolicy.defaults().withVerifyPercent(percent).withParallelism(VERIFY_PARALLELISM);
        if (target.maxSnapshotAge().isPresent()) {
            policy = policy.withMaxAge(target.maxSnapshotAge().get());
        }
        char[] password = password(target);
        try (BlobStore store = stores.open(RepositoryLocation.parse(target.url(), environment), meter)) {
            KopiaRepository repository = KopiaRepository.open(store, password, formatKeys);
            VerifyReport report = new dev.rewind.verify.Verifier(repository, clock, random,
                    ProgressListener.ignoring()).verify(policy);
            return verified(report);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Result verified(VerifyReport report) {
        List<RunFinding> findings = report.findings().stream().map(CheckRunner::finding).toList();
        long suppressed = report.sources().stream().mapToLong(VerifyReport.SourceReport::suppressedFindings).sum();
        Optional<Instant> newest = report.sources().isEmpty() ? Optional.empty()
                : report.sources().stream().map(VerifyReport.SourceReport::newestCompleteAt)
                .map(at -> at.orElse(Instant.EPOCH)).min(Comparator.naturalOrder())
                .filter(at -> !at.equals(Instant.EPOCH));
        Result result = Result.of(findings, new Observations(newest, Optional.empty(), Optional.empty(),
                Optional.empty()));
        return new Result(result.outcome, result.findings, result.suppressed + suppressed, result.error,
                result.observations);
    }

    private Result barman(ArchiveTarget target) {
        BarmanPolicy policy = BarmanPolicy.defaults();
        if (target.maxBackupAge().isPresent()) {
            policy = policy.withMaxBackupAge(target.maxBackupAge().get());
        }
        if (target.maxWalAge().isPresent()) {
            policy = policy.withMaxWalAge(target.maxWalAge().get());
        }
        try (BlobStore store = stores.open(RepositoryLocation.parse(target.url(), environment), meter)) {
            return barman(policy, BarmanArchive.open(store, "").getServer(target.serverName()));
        }
    }

    private Result barman(ClusterArchiveTarget target) {
        try (BlobStore store = stores.open(target.location().storage(), meter)) {
            return barman(BarmanPolicy.defaults(), target.location().server(store));
        }
    }

    private Result barman(BarmanPolicy policy, dev.rewind.barman.BarmanServer server) {
        BarmanReport report = new BarmanVerifier(policy, clock).verify(server);
        List<RunFinding> findings = report.findings().stream().map(CheckRunner::finding).toList();
        return Result.of(findings, new Observations(Optional.empty(),
                report.window().map(RecoveryWindow::earliestAt), report.window().map(RecoveryWindow::latestAt),
                report.lastArchivedAt()));
    }

    /**
     * A discovered app: its own Kopia source only (apps may share a repository), with the RPO and retention its
     * ReplicationSource implies, in the repository its Secret names.
     */
    private Result verify(AppTarget target, CheckKind kind) {
        double percent = (kind == CheckKind.DEEP_VERIFY ? target.deepVerify() : target.quickVerify())
                .map(Schedule::samplePercent).orElse(kind == CheckKind.DEEP_VERIFY ? 10.0 : 0.0);
        VerifyPolicy base = VerifyPolicy.defaults().withVerifyPercent(percent).withParallelism(VERIFY_PARALLELISM);
        dev.rewind.app.App app = target.app();
        Map<String, String> secret = new java.util.HashMap<>(app.repository().data());
        secret.put(dev.rewind.app.RepositorySecret.KOPIA_REPOSITORY, app.repositoryUrl());
        char[] password = app.repository().password().toCharArray();
        try (BlobStore store = stores.open(RepositoryLocation.fromVolsyncSecret(secret), meter)) {
            KopiaRepository repository = KopiaRepository.open(store, password, formatKeys);
            VerifyReport report = new dev.rewind.verify.AppsVerifier(a -> repository, a -> "", clock, random,
                    ProgressListener.ignoring()).verify(List.of(app), base);
            return verified(report);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** A backup trigger: PARTIAL (mover failed, no new snapshot) and TIMEOUT are findings, not errors. */
    private Result backup(AppTarget target) {
        AppBackup backup = backups.orElseThrow(() -> new RewindException(Reason.UNSUPPORTED,
                "backup triggers are not enabled (cluster.backupTrigger)"));
        try {
            dev.rewind.backup.BackupResult result = backup.backUp(target.app());
            return Result.of(List.of(), new Observations(Optional.of(result.snapshotEndAt()), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        } catch (RewindException e) {
            if (e.reason() != Reason.PARTIAL && e.reason() != Reason.TIMEOUT) {
                throw e;
            }
            return Result.of(List.of(new RunFinding(FindingSeverity.ERROR, e.reason() == Reason.PARTIAL
                    ? "BackupNotConfirmed" : "BackupTimedOut", target.app().namespace() + "/" + target.app().name(),
                    oneLine(e.getMessage()))), Observations.NONE);
        }
    }

    private static char[] password(RepositoryTarget target) {
        try {
            String text = Files.readString(target.passwordFile()).stripTrailing();
            return text.toCharArray();
        } catch (IOException e) {
            throw new RewindException(Reason.UNAVAILABLE, "cannot read password file " + target.passwordFile()
                    + " of " + target.name() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static RunFinding finding(Finding f) {
        return new RunFinding(FindingSeverity.valueOf(f.severity().name()), f.kind(),
                f.source() + f.snapshotId().map(id -> " " + id).orElse(""), f.reason());
    }

    private static RunFinding finding(BarmanFinding f) {
        return new RunFinding(FindingSeverity.valueOf(f.severity().name()), f.getClass().getSimpleName(),
                f.subject(), f.reason());
    }

    private static String oneLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
