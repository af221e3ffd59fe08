package dev.rewind.cli;

import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotEligibility;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "snapshots", description = "List the sources of a Kopia repository and their snapshots, newest "
        + "first, read straight from the repository (no kopia binary, no cluster).")
final class SnapshotsCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    private RepositoryOptions repository;

    @Option(names = "--source", paramLabel = "USER@HOST:PATH", description = "Only this source, e.g. "
            + "paperless-ngx@default:/data.")
    private String source;

    @Option(names = "--as-of", paramLabel = "T", converter = TimestampConverter.class,
            description = "Mark the snapshot Volsync's restoreAsOf=T would pick: the newest whose start time is at "
                    + "or before T (RFC 3339; offsets are converted to UTC).")
    private Instant asOf;

    SnapshotsCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        KopiaRepository repo = repository.open(rewind);
        SnapshotCatalog catalog = repo.catalog();
        List<SourceInfo> sources = source == null ? catalog.sources() : List.of(SourceInfo.parse(source));
        List<SnapshotListView.SourceSnapshots> items = sources.stream().map(s -> {
            Optional<SnapshotManifest> picked = asOf == null ? Optional.empty()
                    : catalog.findAsOf(s, asOf, 0, SnapshotEligibility.ALL);
            return SnapshotListView.SourceSnapshots.of(s, catalog.snapshots(s), picked);
        }).toList();
        return rewind.render(new SnapshotListView(repo.describe(), Optional.ofNullable(asOf), items));
    }
}
