package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code rewind snapshots}: sources and their snapshots, newest first, with the as-of pick marked. */
record SnapshotListView(String repository, Optional<Instant> asOf, List<SourceSnapshots> sources) implements View {

    record SourceSnapshots(String source, List<SnapshotRow> snapshots) {
        static SourceSnapshots of(SourceInfo source, List<SnapshotManifest> snapshots,
                Optional<SnapshotManifest> picked) {
            return new SourceSnapshots(source.toString(), snapshots.stream()
                    .map(s -> SnapshotRow.of(s, picked.map(p -> p.id().equals(s.id())).orElse(false)))
                    .toList());
        }
    }

    record SnapshotRow(String id, Instant startAt, Instant endAt, long totalSizeBytes, long files, long dirs,
            long errors, Optional<String> incompleteReason, boolean selectedAsOf) {
        static SnapshotRow of(SnapshotManifest s, boolean picked) {
            return new SnapshotRow(s.id().toString(), s.startAt(), s.endAt(), s.stats().totalSizeBytes(),
                    s.stats().fileCount(), s.stats().dirCount(), s.stats().errorCount(), s.incompleteReason(),
                    picked);
        }
    }

    @Override
    public String kind() {
        return "SnapshotList";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        for (SourceSnapshots source : sources) {
            for (SnapshotRow s : source.snapshots()) {
                rows.add(List.of(source.source(), s.selectedAsOf() ? "*" : "", s.id(), s.startAt().toString(),
                        s.endAt().toString(), Long.toString(s.totalSizeBytes()), Long.toString(s.files()),
                        Long.toString(s.dirs()), Long.toString(s.errors()), s.incompleteReason().orElse("")));
            }
        }
        return new Table(List.of("SOURCE", "AS-OF", "ID", "START", "END", "SIZE", "FILES", "DIRS", "ERRORS",
                "INCOMPLETE"), rows);
    }
}
