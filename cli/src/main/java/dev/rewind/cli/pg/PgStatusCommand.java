package dev.rewind.cli.pg;

import dev.rewind.barman.BarmanReport;
import dev.rewind.cli.RewindCommand;
import dev.rewind.pg.ArchiveLocation;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Summarise a Barman archive: backups, recovery window, newest WAL.")
final class PgStatusCommand extends ArchiveReportCommand {
    PgStatusCommand(RewindCommand rewind) {
        super(rewind);
    }

    @Override
    int show(ArchiveLocation location, BarmanReport report) {
        return rewind.render(PgStatusView.of(location, report));
    }
}
