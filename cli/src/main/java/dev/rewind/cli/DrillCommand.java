package dev.rewind.cli;

import dev.rewind.drill.DrillGeneration;
import dev.rewind.drill.DrillRequest;
import dev.rewind.drill.DrillResult;
import dev.rewind.drill.DrillSelection;
import dev.rewind.drill.DrillService;
import dev.rewind.drill.DrillSettings;
import dev.rewind.drill.SandboxNamespacePolicy;
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
            description = "Where the drill works (default: ${DEFAULT-VALUE}; created if absent, then kept).")
    private String sandbox;
    @Option(names = "--delete-sandbox-namespace", description = "Delete the sandbox namespace afterwards if this"
            + " drill created it (a deleted namespace stays Terminating for a while; the next drill waits for it).")
    private boolean deleteSandboxNamespace;
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
    @SuppressWarnings("try")   // the guard is only closed
    public Integer call() {
        DrillSelection selection = DrillSelection.of(Optional.ofNullable(snapshot), Optional.ofNullable(asOf),
                Optional.ofNullable(generation).map(DrillGeneration::parse));
        DrillRequest request = new DrillRequest(app, Optional.ofNullable(namespace), selection, sandbox,
                Optional.ofNullable(checkCommand), Optional.ofNullable(timeout), deleteSandboxNamespace
                ? SandboxNamespacePolicy.CREATE_AND_DELETE : SandboxNamespacePolicy.CREATE_IF_ABSENT);
        // Ctrl-C: the hook interrupts the drill and waits for its CLEANUP and this output (InterruptGuard)
        try (InterruptGuard guard = InterruptGuard.install();
             KubernetesConnection cluster = clusterOptions.connect(rewind)) {
            DrillService service = DrillService.standard(cluster.reader(), cluster.actions(), cluster.sandbox(),
                    cluster.moverLogs(), BlobStoreFactory.standard(rewind.clock())::open, rewind.clock(),
                    Sleeper.system(), new SecureRandom(), DrillSettings.defaults(),
                    (phase, message) -> rewind.err().println("drill " + phase + ": " + message));
            DrillResult result = service.drill(request);
            rewind.render(DrillView.of(result));
            rewind.out().flush();
            return DrillExitCode.of(result.outcome()).code();
        }
    }
}
