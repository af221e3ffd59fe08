package dev.rewind.cli.pg;

import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.cli.RewindCommand;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.PgArchives;
import dev.rewind.storage.BlobStoreFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The shared part of {@code pg status|backups|verify}: locate the archive, verify it, show one view of the report. */
abstract class ArchiveReportCommand implements Callable<Integer> {
    protected final RewindCommand rewind;

    @Mixin
    ArchiveOptions where;

    ArchiveReportCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        ArchiveLocation location = where.locate(rewind);
        BarmanReport report = new PgArchives(BlobStoreFactory.standard(rewind.clock()), BarmanPolicy.defaults(),
                rewind.clock()).verify(location);
        return show(location, report);
    }

    abstract int show(ArchiveLocation location, BarmanReport report);
}
