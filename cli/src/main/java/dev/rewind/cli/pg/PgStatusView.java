package dev.rewind.cli.pg;

import dev.rewind.barman.BackupVerdict;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.RecoveryWindow;
import dev.rewind.barman.Severity;
import dev.rewind.barman.WalName;
import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.pg.ArchiveLocation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code rewind pg status}: one row per archive server. */
record PgStatusView(String server, String archive, int backups, int restorableBackups,
                    Optional<String> latestBackup, Optional<Instant> latestBackupEndAt,
                    Optional<Instant> recoverableFromAt, Optional<Instant> recoverableUntilAt,
                    Optional<String> lastArchivedWal, Optional<Instant> lastArchivedAt, long errors, long warnings)
        implements View {

    static PgStatusView of(ArchiveLocation location, BarmanReport report) {
        Optional<BackupVerdict> latest = report.backups().stream().filter(BackupVerdict::restorable)
                .max(Comparator.comparing(v -> v.backup().endAt().orElseThrow()));
        return new PgStatusView(report.server(), location.describe(), report.backups().size(),
                (int) report.backups().stream().filter(BackupVerdict::restorable).count(),
                latest.map(v -> v.backup().id().value()), latest.flatMap(v -> v.backup().endAt()),
                report.window().map(RecoveryWindow::earliestAt), report.window().map(RecoveryWindow::latestAt),
                report.lastArchivedWal().map(WalName::toString), report.lastArchivedAt(),
                report.findings(Severity.ERROR).size(), report.findings(Severity.WARNING).size());
    }

    @Override
    public String kind() {
        return "PgStatus";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return Table.ofRow(List.of("server", "backups", "latest backup", "recoverable from", "recoverable until",
                        "last wal", "errors", "warnings"),
                List.of(server, restorableBackups + "/" + backups, latestBackup.orElse("-"), text(recoverableFromAt),
                        text(recoverableUntilAt), lastArchivedWal.orElse("-"), Long.toString(errors),
                        Long.toString(warnings)));
    }

    static String text(Optional<Instant> at) {
        return at.map(Instant::toString).orElse("-");
    }
}
