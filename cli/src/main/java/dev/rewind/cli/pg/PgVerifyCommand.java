package dev.rewind.cli.pg;

import dev.rewind.barman.BarmanReport;
import dev.rewind.cli.ExitCode;
import dev.rewind.cli.RewindCommand;
import dev.rewind.pg.ArchiveLocation;
import picocli.CommandLine.Command;

@Command(name = "verify", description = "Verify a Barman archive from storage alone; exit 4 on ERROR findings.")
final class PgVerifyCommand extends ArchiveReportCommand {
    PgVerifyCommand(RewindCommand rewind) {
        super(rewind);
    }

    @Override
    int show(ArchiveLocation location, BarmanReport report) {
        rewind.render(PgVerifyView.of(report));
        rewind.err().println(location.describe() + ": " + report.findings().size() + " findings, recovery window "
                + report.window().map(w -> "[" + w.earliestAt() + ", " + w.latestAt() + "]").orElse("empty"));
        return report.hasErrors() ? ExitCode.PROBLEMS_FOUND.code() : ExitCode.SUCCESS.code();
    }
}
