package dev.rewind.cli.pg;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.cnpg.Backup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code rewind pg backup}: the Backup object and, after {@code --wait}, its outcome. */
record PgBackupView(String name, String namespace, String cluster, Optional<String> phase, Optional<String> backupId,
                    Optional<Instant> startedAt, Optional<Instant> stoppedAt) implements View {

    static PgBackupView of(Backup b) {
        return new PgBackupView(b.name(), b.namespace(), b.clusterName(), b.phase(), b.backupId(), b.startedAt(),
                b.stoppedAt());
    }

    @Override
    public String kind() {
        return "PgBackup";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return Table.ofRow(List.of("backup", "cluster", "phase", "backup id", "stopped"),
                List.of(namespace + "/" + name, cluster, phase.orElse("created"), backupId.orElse("-"),
                        PgStatusView.text(stoppedAt)));
    }
}
