package dev.rewind.cli.pg;

import dev.rewind.barman.RecoveryWindow;
import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.pg.RecoveryPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code rewind pg restore -o json|yaml}: the evidence and the recovery Cluster manifest. */
record PgRecoveryPlanView(String sourceCluster, String newCluster, Instant targetAt, String backupId,
                          String firstWal, String walUntil, String sourceServerName, String newServerName,
                          Optional<Instant> recoverableFromAt, Optional<Instant> recoverableUntilAt,
                          Map<String, Object> manifest) implements View {

    static PgRecoveryPlanView of(RecoveryPlan plan) {
        var spec = plan.spec();
        return new PgRecoveryPlanView(spec.sourceCluster(), spec.name(), plan.targetAt(),
                plan.evidence().backupId().value(), plan.evidence().firstWal().toString(),
                plan.evidence().walUntil().toString(), spec.sourceServerName(), spec.newServerName(),
                plan.window().map(RecoveryWindow::earliestAt), plan.window().map(RecoveryWindow::latestAt),
                plan.manifest().document());
    }

    @Override
    public String kind() {
        return "PgRecoveryPlan";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return Table.ofRow(List.of("new cluster", "target", "backup id", "server name"),
                List.of(newCluster, targetAt.toString(), backupId, newServerName));
    }
}
