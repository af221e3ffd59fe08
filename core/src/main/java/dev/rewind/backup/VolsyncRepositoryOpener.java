package dev.rewind.backup;

import dev.rewind.app.App;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.RepositoryLocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens an app's repository the way its mover does: the location from the repository Secret
 * ({@code KOPIA_REPOSITORY} and the backend keys, volsync.md §3) — or {@code filesystem:///mnt/<path>} when the RS
 * mounts its repository through {@code moverVolumes} ({@link App#repositoryUrl()}) — and {@code KOPIA_PASSWORD}.
 * Stores come from a {@link BlobStoreFactory} (retries and metering included). Thread-safe.
 */
public final class VolsyncRepositoryOpener implements RepositoryOpener {
    private final BlobStoreFactory stores;

    public VolsyncRepositoryOpener(BlobStoreFactory stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    public KopiaRepository open(App app) {
        Map<String, String> data = new HashMap<>(app.repository().data());
        data.put("KOPIA_REPOSITORY", app.repositoryUrl());
        RepositoryLocation location = RepositoryLocation.fromVolsyncSecret(data);
        return KopiaRepository.open(stores.open(location), app.repository().password().toCharArray());
    }
}
