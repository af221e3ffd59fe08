package dev.rewind.cli.pg;

import dev.rewind.barman.BarmanReport;
import dev.rewind.cli.RewindCommand;
import dev.rewind.pg.ArchiveLocation;
import picocli.CommandLine.Command;

@Command(name = "backups", description = "List the base backups of a Barman archive with their verdicts.")
final class PgBackupsCommand extends ArchiveReportCommand {
    PgBackupsCommand(RewindCommand rewind) {
        super(rewind);
    }

    @Override
    int show(ArchiveLocation location, BarmanReport report) {
        return rewind.render(PgBackupsView.of(report));
    }
}
