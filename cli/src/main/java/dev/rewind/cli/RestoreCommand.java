package dev.rewind.cli;

import dev.rewind.kube.KubernetesConnection;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.RestoreMode;
import dev.rewind.restore.RestoreOptions;
import dev.rewind.restore.RestoreProgress;
import dev.rewind.restore.RestoreRequest;
import dev.rewind.restore.RestoreResult;
import dev.rewind.restore.RestoreService;
import dev.rewind.restore.SnapshotSelector;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.Sleeper;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", description = "Restore an app's Volsync volume from a pinned Kopia snapshot (safe state "
        + "machine: suspend Flux, safety snapshot, verified restore, resume; --resume/--abort after an interruption).")
final class RestoreCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app (ReplicationSource name).")
    private String app;
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Its namespace (default: search all).")
    private String namespace;
    @Option(names = "--timestamp", paramLabel = "T", converter = TimestampConverter.class,
            description = "Newest snapshot that started at or before T (RFC 3339 with an offset).")
    private Instant timestamp;
    @Option(names = "--previous", paramLabel = "N", description = "N-th snapshot before the newest (0 = newest).")
    private Integer previous;
    @Option(names = "--snapshot", paramLabel = "ID", description = "A snapshot id or unique prefix.")
    private String snapshot;
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "in-place", description = "in-place or replace.")
    private String mode;
    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    private boolean dryRun;
    @ArgGroup(exclusive = true)
    private Continuation continuation;
    @Option(names = "--no-safety-snapshot", description = "Skip the pre-restore VolumeSnapshot (no rollback!).")
    private boolean noSafetySnapshot;
    @Option(names = "--allow-empty", description = "Accept a snapshot without files.")
    private boolean allowEmpty;
    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of the RESTORE phase (default: 15 min + 2 min per GiB).")
    private Duration timeout;
    @Mixin
    private ClusterOptions clusterOptions;
    @Option(names = "--verify", description = "After RESUME, count the files in the restored claim (read-only pod)"
            + " and compare with the snapshot; a mismatch exits 4 and keeps the restored data.")
    private boolean verify;
    @Option(names = "--data-path", paramLabel = "P", description = "With --verify: compare the directory P of the"
            + " volume instead of its root.")
    private String dataPath;
    @Option(names = "--follow", description = "Stream the restore mover's log lines to stderr while RESTORE waits.")
    private boolean follow;
    @Option(names = "--ignore-autoscalers", description = "Restore although an HPA with minReplicas 0 may scale the"
            + " workload up meanwhile.")
    private boolean ignoreAutoscalers;
    @Mixin
    private DatabaseOptions database;

    static final class Continuation {
        @Option(names = "--resume", required = true, description = "Continue an interrupted restore.")
        boolean resume;
        @Option(names = "--abort", required = true, description = "Roll back an interrupted restore and resume the app.")
        boolean abort;
    }

    RestoreCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    @SuppressWarnings("try")   // the guard is only closed
    public Integer call() {
        RestoreMode restoreMode = RestoreMode.parse(mode);
        SnapshotSelector selector = SnapshotSelector.of(Optional.ofNullable(timestamp), Optional.ofNullable(previous),
                Optional.ofNullable(snapshot));
        RestoreOptions options = new RestoreOptions(verify, Optional.ofNullable(dataPath), follow, ignoreAutoscalers);
        if (continuation != null && !options.equals(RestoreOptions.none())) {
            throw new RewindException(Reason.INVALID_INPUT, "--verify, --data-path, --follow and --ignore-autoscalers"
                    + " apply to a new restore; --resume/--abort continue with the journalled choices");
        }
        database.validate();
        // Ctrl-C interrupts the restore; the hook waits for the executor's INTERRUPTED path to write the journal
        try (InterruptGuard guard = InterruptGuard.install();
             KubernetesConnection cluster = clusterOptions.connect(rewind)) {
            var wholeApp = new AppRestoreInvocation(rewind, cluster, this::progress);
            if (database.withDatabase && continuation == null) {
                return wholeApp.restore(new RestoreRequest(app, Optional.ofNullable(namespace), selector, restoreMode,
                        dryRun, noSafetySnapshot, allowEmpty, Optional.ofNullable(timeout), options), database);
            }
            if (continuation != null) {
                Optional<Integer> code = wholeApp.continueRun(app, namespace, continuation.resume);
                if (code.isPresent()) {
                    return code.get();
                }
            }
            var service = RestoreService.standard(cluster.reader(), cluster.actions(), cluster.restoreEnvironment(),
                    cluster.moverLogs(), BlobStoreFactory.standard(rewind.clock())::open, rewind.clock(), Sleeper.system(),
                    new SecureRandom(), this::progress);
            RestoreResult result = continuation == null
                    ? service.restore(new RestoreRequest(app, Optional.ofNullable(namespace), selector, restoreMode,
                            dryRun, noSafetySnapshot, allowEmpty, Optional.ofNullable(timeout), options))
                    : continuation.resume ? service.resume(app, namespace) : service.abort(app, namespace);
            rewind.render(RestoreView.of(result));
            if (RestoreExitCode.leftJournal(result.outcome())) {
                rewind.err().println("hint: the restore stopped with its journal kept (Flux may still be suspended and"
                        + " the app scaled down): run rewind restore --app " + app + " --resume or --abort");
            }
            return RestoreExitCode.of(result.outcome());
        }
    }

    private void progress(RestoreProgress event) {
        switch (event) {
            case RestoreProgress.PhaseStarted p -> rewind.err().println("restore " + p.app() + ": " + p.phase());
            case RestoreProgress.PhaseFinished p -> { }
            case RestoreProgress.Note n -> rewind.err().println("  " + n.phase() + ": " + n.message());
            case RestoreProgress.Finished f -> rewind.err().println("restore " + f.app() + ": "
                    + f.outcome().getClass().getSimpleName());
        }
    }
}
