package dev.rewind.pg;

import dev.rewind.barman.BarmanPolicy;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.BarmanVerifier;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreFactory;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies the Barman archive at an {@link ArchiveLocation} (the core of {@code rewind pg status|backups|verify}):
 * opens the store through the factory (retries, metering), verifies the server folder, closes the store.
 *
 * <p>Failures: NOT_FOUND when the server folder is empty; the store's UNAVAILABLE for unreachable S3 or wrong
 * credentials. Findings are data in the report, not exceptions. Thread-safe.
 */
public final class PgArchives {
    private final BlobStoreFactory factory;
    private final BarmanVerifier verifier;

    public PgArchives(BlobStoreFactory factory, BarmanPolicy policy, Clock clock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.verifier = new BarmanVerifier(policy, clock);
    }

    public BarmanReport verify(ArchiveLocation location) {
        try (BlobStore store = factory.open(location.storage())) {
            return verifier.verify(location.server(store));
        }
    }
}
