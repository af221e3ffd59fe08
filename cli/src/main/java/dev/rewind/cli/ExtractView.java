package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.extract.ExtractReport;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.verify.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code rewind extract}: what was written where. */
record ExtractView(String snapshot, String source, Instant snapshotStartAt, String path, String target, long files,
        long directories, long symlinks, long bytesWritten, long skippedFiles, long attributesNotApplied,
        Duration duration) implements View {

    static ExtractView of(SnapshotManifest snapshot, ExtractReport r) {
        return new ExtractView(snapshot.id().toString(), snapshot.source().toString(), snapshot.startAt(), r.path(),
                r.target().toAbsolutePath().toString(), r.files(), r.directories(), r.symlinks(), r.bytesWritten(),
                r.skippedFiles(), r.attributesNotApplied(), r.duration());
    }

    @Override
    public String kind() {
        return "ExtractReport";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return Table.ofRow(List.of("SNAPSHOT", "START", "TARGET", "FILES", "DIRS", "SYMLINKS", "BYTES", "SKIPPED",
                "DURATION"), List.of(snapshot, snapshotStartAt.toString(), target, Long.toString(files),
                Long.toString(directories), Long.toString(symlinks), Long.toString(bytesWritten),
                Long.toString(skippedFiles), Durations.text(duration)));
    }
}
