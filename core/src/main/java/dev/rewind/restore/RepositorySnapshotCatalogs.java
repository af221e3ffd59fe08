package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.FormatKeyDeriver;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.DirectorySummary;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.TreeNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link SnapshotCatalogs} over the app's repository Secret: the location the mover uses (the Secret's
 * {@code KOPIA_REPOSITORY}, or the {@code moverVolumes} filesystem repository, {@link App#repositoryUrl()}), opened
 * read-only with {@code KOPIA_PASSWORD}.
 */
public final class RepositorySnapshotCatalogs implements SnapshotCatalogs {
    private final Function<RepositoryLocation, BlobStore> stores;
    private final FormatKeyDeriver deriver;
    private final Map<String, OpenRepository> opened = new HashMap<>();

    /** @param stores opens a location, e.g. {@code BlobStoreFactory::open} (tests: an in-memory fixture) */
    public RepositorySnapshotCatalogs(Function<RepositoryLocation, BlobStore> stores) {
        this(stores, FormatKeyDeriver.direct());
    }

    /** As {@link #RepositorySnapshotCatalogs(Function)} with an explicit key deriver (tests cache scrypt). */
    public RepositorySnapshotCatalogs(Function<RepositoryLocation, BlobStore> stores, FormatKeyDeriver deriver) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.deriver = Objects.requireNonNull(deriver, "deriver");
    }

    @Override
    public SnapshotCatalog catalogOf(App app) {
        return open(app).catalog();
    }

    @Override
    public long fileCount(App app, String snapshotId, String path) {
        KopiaRepository repository = open(app);
        SnapshotManifest snapshot = repository.catalog().getSnapshot(snapshotId);
        DirectoryEntry entry = repository.tree().getEntry(snapshot, path);
        if (!(entry instanceof DirectoryEntry.Directory directory)) {
            throw new RewindException(Reason.INVALID_INPUT, "path '/" + path + "' of snapshot " + snapshotId
                    + " is not a directory");
        }
        Optional<DirectorySummary> summary = path.isEmpty()
                ? snapshot.rootSummary().or(directory::summary) : directory.summary();
        return summary.map(DirectorySummary::fileCount).orElseGet(() -> repository.tree()
                .walk(new TreeNode(path, directory))
                .filter(node -> node.entry() instanceof DirectoryEntry.File).count());
    }

    /** Opens the app's repository once per location and password (the planner asks several times). */
    private KopiaRepository open(App app) {
        Map<String, String> data = new HashMap<>(app.repository().data());
        data.put("KOPIA_REPOSITORY", app.repositoryUrl());
        RepositoryLocation location = RepositoryLocation.fromVolsyncSecret(data);
        String key = app.namespace() + "/" + app.name() + "|" + app.repositoryUrl();
        synchronized (opened) {
            OpenRepository known = opened.get(key);
            if (known != null && known.password().equals(app.repository().password())) {
                return known.repository();
            }
            KopiaRepository repository = KopiaRepository.open(stores.apply(location),
                    app.repository().password().toCharArray(), deriver);
            opened.put(key, new OpenRepository(app.repository().password(), repository));
            return repository;
        }
    }

    private record OpenRepository(String password, KopiaRepository repository) { }
}
