package dev.rewind.restore;

import dev.rewind.app.App;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.FormatKeyDeriver;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.RepositoryLocation;
import java.util.HashMap;
import java.util.Map;
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
        Map<String, String> data = new HashMap<>(app.repository().data());
        data.put("KOPIA_REPOSITORY", app.repositoryUrl());
        RepositoryLocation location = RepositoryLocation.fromVolsyncSecret(data);
        return KopiaRepository.open(stores.apply(location), app.repository().password().toCharArray(), deriver)
                .catalog();
    }
}
