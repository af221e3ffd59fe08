package dev.rewind.cli.pg;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.pg.RecoveryExecutor.RecoveryOutcome;
import dev.rewind.pg.RecoveryPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code rewind pg restore --apply}: the recovered cluster and its first backup. */
record PgRecoveryView(String namespace, String cluster, Instant targetAt, String restoredBackupId,
                      Optional<String> phase, String firstBackup, Optional<String> firstBackupId) implements View {

    static PgRecoveryView of(RecoveryPlan plan, RecoveryOutcome outcome) {
        return new PgRecoveryView(plan.namespace(), plan.newName(), plan.targetAt(),
                plan.evidence().backupId().value(), outcome.cluster().status().phase(), outcome.firstBackup().name(),
                outcome.firstBackup().backupId());
    }

    @Override
    public String kind() {
        return "PgRecovery";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return Table.ofRow(List.of("cluster", "target", "phase", "first backup", "backup id"),
                List.of(namespace + "/" + cluster, targetAt.toString(), phase.orElse("-"), firstBackup,
                        firstBackupId.orElse("-")));
    }
}
