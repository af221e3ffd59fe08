package dev.rewind.cli;

import dev.rewind.app.AppDiscovery;
import dev.rewind.backup.BackupOptions;
import dev.rewind.backup.BackupOutcome;
import dev.rewind.backup.BackupSelection;
import dev.rewind.backup.VolsyncBackup;
import dev.rewind.backup.VolsyncRepositoryOpener;
import dev.rewind.backup.Waiter;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.storage.BlobStoreFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rewind backup}: run Volsync backups now and confirm each new snapshot in the repository. */
@Command(name = "backup", description = "Trigger a Volsync backup now (a unique spec.trigger.manual tag), wait for"
        + " it, put the trigger back exactly as it was (also on failure) and confirm the new snapshot in the Kopia"
        + " repository. Refuses paused sources. Progress goes to stderr, the result to stdout.")
final class BackupCommand implements Callable<Integer> {
    private final RewindCommand rewind;
    @Mixin
    private ClusterOptions cluster;

    @ArgGroup(multiplicity = "1")
    private Target target;
    static final class Target {
        @Option(names = "--app", paramLabel = "APP", required = true, description = "The app (ReplicationSource).")
        String app;
        @Option(names = "--all", required = true, description = "Every app (of -n NS, else of all namespaces).")
        boolean all;
    }

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The app's namespace.")
    private String namespace;

    @Option(names = "--wait", defaultValue = "true", fallbackValue = "true",
            description = "Wait for the backup and confirm it (always on: a manual trigger is never left behind).")
    private boolean wait;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait per app, e.g. 600s, 45m, 2h, 1h30m (default: ${DEFAULT-VALUE}).")
    private Duration timeout;
    @Option(names = "--follow", description = "Print the mover pod's log on stderr while waiting.")
    private boolean follow;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "2",
            description = "Apps backed up at once with --all (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    BackupCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        BackupOptions options = BackupOptions.defaults().withTimeout(timeout).withFollowLogs(follow);
        BackupSelection selection = target.all ? new BackupSelection.All(ClusterOptions.scope(namespace))
                : new BackupSelection.One(target.app, Optional.ofNullable(namespace));
        try (KubernetesConnection connection = cluster.connect(rewind)) {
            VolsyncBackup backup = new VolsyncBackup(connection.writer(), connection.moverLogs(),
                    new VolsyncRepositoryOpener(BlobStoreFactory.standard(rewind.clock())), rewind.clock(),
                    RandomGenerator.getDefault(), Waiter.sleeping());
            List<BackupOutcome> outcomes = backup.run(new AppDiscovery(connection.reader()), selection, options,
                    concurrency, new BackupProgress(rewind.err()));
            if (!target.all && outcomes.getFirst() instanceof BackupOutcome.Failed failed) {
                throw failed.failure();
            }
            rewind.render(BackupView.of(outcomes));
            return outcomes.stream().allMatch(o -> o instanceof BackupOutcome.Succeeded) ? ExitCode.SUCCESS.code()
                    : ExitCode.PARTIAL.code();
        }
    }
}
