package dev.rewind.cli.pg;

import dev.rewind.cli.DurationConverter;
import dev.rewind.barman.BarmanPolicy;
import dev.rewind.cli.RewindCommand;
import dev.rewind.cli.output.OutputFormat;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.pg.PgRestore;
import dev.rewind.pg.Poller;
import dev.rewind.pg.RecoveryExecutor.RecoveryOutcome;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.pg.RecoveryRequest;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.Sleeper;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", description = {"Point-in-time recovery of a CNPG cluster into a NEW cluster.",
        "Prints the recovery Cluster manifest (YAML, for a Git commit); --apply creates it, waits until healthy and"
                + " takes its first backup. Same-name restores: docs/runbooks/restore-postgres.md."})
final class PgRestoreCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    CnpgClusterOptions source;

    @Option(names = "--timestamp", required = true, paramLabel = "T",
            description = "Target time, RFC 3339 (e.g. 2026-08-21T14:05:00Z; no offset means UTC).")
    String timestamp;

    @Option(names = "--new-name", paramLabel = "NAME", description = "New Cluster name (default <cluster>-pitr-<T>).")
    Optional<String> newName = Optional.empty();

    @Option(names = "--instances", defaultValue = "1", description = "Instances of the new cluster (default 1).")
    int instances;

    @Option(names = "--apply", description = "Create the Cluster, wait until healthy, take its first backup.")
    boolean apply;

    @Option(names = "--timeout", defaultValue = "PT1H", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Wait for each of recovery and first backup (e.g. 30m, 2h; default 1h).")
    Duration timeout;

    PgRestoreCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        try (KubernetesConnection connection = source.connect(rewind)) {
            String namespace = source.namespace(connection);
            var pgRestore = new PgRestore(connection.reader(), connection.postgres(),
                    BlobStoreFactory.standard(rewind.clock()), BarmanPolicy.defaults(),
                    new Poller(rewind.clock(), Sleeper.system()));
            RecoveryPlan plan = pgRestore.plan(namespace, source.cluster(),
                    new RecoveryRequest(timestamp, newName, instances));
            rewind.err().println(plan.summary());
            if (!apply) {
                if (rewind.output() == OutputFormat.TABLE) {
                    rewind.out().print(plan.toYaml());
                    rewind.out().flush();
                    return 0;
                }
                return rewind.render(PgRecoveryPlanView.of(plan));
            }
            WaitPolicy wait = WaitPolicy.of(timeout);
            RecoveryOutcome outcome = pgRestore.apply(plan, wait, wait);
            return rewind.render(PgRecoveryView.of(plan, outcome));
        }
    }
}
