package dev.rewind.cli.pg;

import dev.rewind.barman.BackupInfo;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.WalName;
import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code rewind pg backups}: every base backup of the server with its verdict. */
record PgBackupsView(String server, List<Row> backups) implements View {

    record Row(String backupId, String status, Optional<Instant> beginAt, Optional<Instant> endAt,
               Optional<String> beginWal, Optional<String> endWal, boolean restorable) {
    }

    static PgBackupsView of(BarmanReport report) {
        return new PgBackupsView(report.server(), report.backups().stream().map(v -> {
            Optional<BackupInfo> info = v.backup().info();
            return new Row(v.backup().id().value(), info.map(i -> i.status().name()).orElse("NO_INFO"),
                    info.flatMap(BackupInfo::beginAt), v.backup().endAt(),
                    info.flatMap(BackupInfo::beginWal).map(WalName::toString),
                    info.flatMap(BackupInfo::endWal).map(WalName::toString), v.restorable());
        }).toList());
    }

    @Override
    public String kind() {
        return "PgBackupList";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return new Table(List.of("backup id", "status", "begin", "end", "wal", "restorable"), backups.stream()
                .map(r -> List.of(r.backupId(), r.status(), PgStatusView.text(r.beginAt()),
                        PgStatusView.text(r.endAt()), r.beginWal().orElse("-") + ".." + r.endWal().orElse("-"),
                        r.restorable() ? "yes" : "no"))
                .toList());
    }
}
