package dev.rewind.cli;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillRequest;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillSelection;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSettings;
import dev.rewind.error.Reason;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.Sleeper;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", description = "Prove a backup restores: restore a pinned snapshot into a scratch claim in a "
        + "sandbox namespace, count what arrived against the snapshot, time it, clean up (docs/runbooks/drills.md).")
final class DrillCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app (ReplicationSource name).")
    private String app;
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Its namespace (default: search all).")
    private String namespace;
    @Option(names = "--snapshot", paramLabel = "ID", description = "A snapshot id or unique prefix.")
    private String snapshot;
    @Option(names = "--as-of", paramLabel = "T", converter = TimestampConverter.class,
            description = "Newest snapshot that started at or before T (RFC 3339 with an offset).")
    private Instant asOf;
    @Option(names = "--generation", paramLabel = "GEN",
            description = "newest (default), daily (at least a day old) or weekly (at least a week old).")
    private String generation;
    @Option(names = "--sandbox-namespace", paramLabel = "NS", defaultValue = DrillRequest.DEFAULT_SANDBOX,
            description = "Where the drill works (default: ${DEFAULT-VALUE}; created and removed if absent).")
    private String sandbox;
    @Option(names = "--check-command", paramLabel = "CMD",
            description = "Shell command run on the restored volume (at /data, read-only); exit 0 = pass.")
    private String checkCommand;
    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Deadline of the RESTORE phase (default: 15 min + 2 min per GiB).")
    private Duration timeout;
    @Mixin
    private ClusterOptions clusterOptions;

    DrillCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        DrillSelection selection = DrillSelection.of(Optional.ofNullable(snapshot), Optional.ofNullable(asOf),
                Optional.ofNullable(generation).map(DrillGeneration::parse));
        DrillRequest request = new DrillRequest(app, Optional.ofNullable(namespace), selection, sandbox,
                Optional.ofNullable(checkCommand), Optional.ofNullable(timeout));
        try (KubernetesConnection cluster = clusterOptions.connect(rewind)) {
            DrillService service = DrillService.standard(cluster.reader(), cluster.actions(), cluster.sandbox(),
                    cluster.moverLogs(), BlobStoreFactory.standard(rewind.clock())::open, rewind.clock(),
                    Sleeper.system(), new SecureRandom(), DrillSettings.defaults(),
                    (phase, message) -> rewind.err().println("drill " + phase + ": " + message));
            DrillResult result = service.drill(request);
            rewind.render(DrillView.of(result));
            return exitCode(result.outcome()).code();
        }
    }

    /**
     * A drill that ran and failed is a finding about the backup (4), like verify; an interruption is 130; a drill
     * that passed but left objects behind is partial (5).
     */
    static ExitCode exitCode(DrillOutcome outcome) {
        return switch (outcome) {
            case DrillOutcome.Passed p -> ExitCode.SUCCESS;
            case DrillOutcome.Failed f when f.reason() == Reason.INTERRUPTED -> ExitCode.INTERRUPTED;
            case DrillOutcome.Failed f when f.phase() == dev.rewind.drill.DrillPhase.CLEANUP -> ExitCode.PARTIAL;
            case DrillOutcome.Failed f -> ExitCode.PROBLEMS_FOUND;
        };
    }
}
