package dev.rewind.cli;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.extract.ExtractReport;
import dev.rewind.extract.ExtractRequest;
import dev.rewind.extract.Extractor;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotEligibility;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "extract", description = "Write the files of a snapshot to a local directory (modes, mtimes, "
        + "symlinks) straight from the repository: the break-glass path when the cluster is gone. A re-run skips "
        + "files already complete.")
final class ExtractCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    private RepositoryOptions repository;

    @Option(names = "--source", paramLabel = "USER@HOST:PATH", description = "The source (needed with --timestamp "
            + "when the repository holds several).")
    private String source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Selection selection;

    static final class Selection {
        @Option(names = "--timestamp", paramLabel = "T", converter = TimestampConverter.class,
                description = "Newest complete snapshot started at or before T (RFC 3339).")
        Instant timestamp;

        @Option(names = "--snapshot", paramLabel = "ID", description = "Snapshot id or unique prefix.")
        String snapshot;
    }

    @Option(names = "--path", paramLabel = "P", defaultValue = "", description = "Only this path inside the "
            + "snapshot.")
    private String path;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Target directory.")
    private Path target;

    @Option(names = "--force", description = "Write into a non-empty directory, replacing files.")
    private boolean force;

    @Option(names = "--parallelism", paramLabel = "N", description = "Files written at once (default: cores).")
    private Integer parallelism;

    ExtractCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        RepositoryOptions.OpenedRepository opened = repository.open(rewind);
        KopiaRepository repo = opened.repository();
        SnapshotManifest snapshot = select(repo.catalog(), opened.appSource());
        ExtractRequest request = ExtractRequest.of(snapshot, target).withPath(path).withForce(force);
        request = parallelism == null ? request : request.withParallelism(parallelism);
        var progress = StderrProgress.of(rewind);
        ExtractReport report = new Extractor(repo, rewind.clock(), progress).extract(request);
        return rewind.render(ExtractView.of(snapshot, report));
    }

    private SnapshotManifest select(SnapshotCatalog catalog, java.util.Optional<SourceInfo> appSource) {
        if (selection.snapshot != null) {
            return catalog.getSnapshot(selection.snapshot);
        }
        List<SourceInfo> sources = catalog.sources();
        SourceInfo chosen = source != null ? SourceInfo.parse(source) : appSource.isPresent() ? appSource.get()
                : switch (sources.size()) {
            case 1 -> sources.get(0);
            case 0 -> throw new RewindException(Reason.NOT_FOUND, "the repository holds no snapshots");
            default -> throw new RewindException(Reason.INVALID_INPUT, "the repository holds " + sources.size()
                    + " sources; choose one with --source", "run 'rewind snapshots' to list them", null);
        };
        return catalog.getAsOf(chosen, selection.timestamp, 0, SnapshotEligibility.COMPLETE_ONLY);
    }
}
