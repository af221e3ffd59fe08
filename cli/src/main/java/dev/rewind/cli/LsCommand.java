package dev.rewind.cli;

import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ls", description = "List a directory inside a snapshot (by id or unique id prefix).")
final class LsCommand implements Callable<Integer> {
    private final RewindCommand rewind;

    @Mixin
    private RepositoryOptions repository;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, or a unique prefix of it.")
    private String snapshot;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "", description = "Path inside the snapshot "
            + "(default: its root).")
    private String path;

    LsCommand(RewindCommand rewind) {
        this.rewind = rewind;
    }

    @Override
    public Integer call() {
        KopiaRepository repo = repository.open(rewind);
        SnapshotManifest manifest = repo.catalog().getSnapshot(snapshot);
        return rewind.render(DirectoryListingView.of(manifest, path, repo.tree().list(manifest, path)));
    }
}
