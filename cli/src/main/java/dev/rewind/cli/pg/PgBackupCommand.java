package dev.rewind.cli.pg;

import dev.rewind.cli.DurationConverter;
import dev.rewind.cli.RewindCommand;
import dev.rewind.cnpg.Backup;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.pg.PgBackup;
import dev.rewind.pg.Poller;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.storage.Sleeper;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", description = "Take an on-demand Barman Cloud plugin backup of a CNPG cluster.")
final class PgBackupCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    CnpgClusterOptions target;

    @Option(names = "--wait", description = "Wait until CNPG reports completed (exit 0) or failed (exit 5).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "PT1H", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long --wait waits (e.g. 30m, 2h; default 1h); then exit 7.")
    Duration timeout;

    PgBackupCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        try (KubernetesConnection connection = target.connect(rewind)) {
            String namespace = target.namespace(connection);
            var backups = new PgBackup(connection.postgres(), new Poller(rewind.clock(), Sleeper.system()));
            Backup backup = wait ? backups.run(namespace, target.cluster(), WaitPolicy.of(timeout))
                    : backups.start(namespace, target.cluster());
            return rewind.render(PgBackupView.of(backup));
        }
    }
}
