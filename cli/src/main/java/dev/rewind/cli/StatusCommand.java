package dev.rewind.cli;

import dev.rewind.backup.VolsyncRepositoryOpener;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.status.AppStatus;
import dev.rewind.status.StatusPolicy;
import dev.rewind.status.StatusReport;
import dev.rewind.status.StatusService;
import dev.rewind.storage.BlobStoreFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rewind status}: the backup state of every app and CNPG cluster, read from the repositories. */
@Command(name = "status", description = {
        "Show each app's newest backup (read from its Kopia repository when reachable, else from the"
                + " ReplicationSource status), its age against the schedule, and leftovers that need attention;"
                + " and each CloudNativePG cluster's backup and WAL archiving state.",
        "Exits 4 when something needs attention."})
final class StatusCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    private ClusterOptions cluster;

    @ArgGroup
    private Scope scope = new Scope();

    static final class Scope {
        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace.")
        String namespace;

        @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces (the default).")
        boolean all;
    }

    @Option(names = "--app", paramLabel = "APP", description = "Only this app (ReplicationSource name).")
    private String app;

    @Option(names = "--stale-after", paramLabel = "N", defaultValue = "2",
            description = "A backup older than N schedule intervals is stale (default: ${DEFAULT-VALUE}).")
    private int staleAfter;

    StatusCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        try (KubernetesConnection connection = cluster.connect(rewind)) {
            StatusService service = new StatusService(connection.reader(),
                    new VolsyncRepositoryOpener(BlobStoreFactory.standard(rewind.clock())), rewind.clock(),
                    StatusPolicy.defaults().withStaleAfterIntervals(staleAfter));
            StatusReport report = service.report(ClusterOptions.scope(scope.namespace));
            if (app != null) {
                report = report.forApp(app);
            }
            for (AppStatus status : report.apps()) {
                status.problems().forEach(p -> rewind.err().println("warning: " + status.namespace() + "/"
                        + status.name() + ": " + p));
            }
            rewind.render(StatusView.of(report));
            return report.healthy() ? ExitCode.SUCCESS.code() : ExitCode.PROBLEMS_FOUND.code();
        }
    }
}
