package dev.rewind.cli.pg;

import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.RecoveryWindow;
import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code rewind pg verify}: the recovery window and every finding. */
record PgVerifyView(String server, Optional<Instant> recoverableFromAt, Optional<Instant> recoverableUntilAt,
                    Optional<String> pinnableBackup, List<Finding> findings) implements View {

    record Finding(String severity, String kind, String subject, String reason) {
    }

    static PgVerifyView of(BarmanReport report) {
        return new PgVerifyView(report.server(), report.window().map(RecoveryWindow::earliestAt),
                report.window().map(RecoveryWindow::latestAt),
                report.window().map(w -> w.earliestBackup().value()),
                report.findings().stream().map(f -> new Finding(f.severity().name(), f.getClass().getSimpleName(),
                        f.subject(), f.reason())).toList());
    }

    @Override
    public String kind() {
        return "PgVerifyReport";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return new Table(List.of("severity", "finding", "subject", "reason"), findings.stream()
                .map(f -> List.of(f.severity(), f.kind(), f.subject(), f.reason())).toList());
    }
}
