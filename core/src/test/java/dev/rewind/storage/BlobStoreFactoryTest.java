package dev.rewind.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.storage.fs.FilesystemBlobStore;
import dev.rewind.storage.s3.S3BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BlobStoreFactory} builds the right backend under retrying and metering. */
class BlobStoreFactoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final BlobStoreFactory factory = new BlobStoreFactory(RetryPolicy.DEFAULT, clock,
            new RecordingSleeper(clock), new SplittableRandom(3));

    @TempDir
    Path root;

    @Test
    void opensAKopiaFilesystemRepositoryDecoratedAndMetered() throws Exception {
        Files.writeString(root.resolve("kopia.repository.f"), "{}");
        var meter = new StorageMeter();

        try (BlobStore store = factory.open(RepositoryLocation.parse("filesystem://" + root, Map.of()), meter)) {
            assertThat(store).isInstanceOf(RetryingBlobStore.class);
            assertThat(store.read(BlobId.of("kopia.repository"))).hasSize(2);
            assertThat(store.describe()).isEqualTo("filesystem://" + root);
        }
        assertThat(meter.snapshot().of(StorageOperation.READ)).isEqualTo(new OperationMetrics(1, 0, 2, 0));
    }

    @Test
    void opensAPlainDirectoryForFileUrls() throws Exception {
        Files.createDirectories(root.resolve("pg/wals"));
        Files.writeString(root.resolve("pg/wals/000000010000000000000001"), "wal");

        BlobStore backend = BlobStoreFactory.openBackend(RepositoryLocation.parse("file://" + root, Map.of()));

        assertThat(backend).isInstanceOf(FilesystemBlobStore.class);
        assertThat(backend.read(BlobId.of("pg/wals/000000010000000000000001"))).hasSize(3);
    }

    @Test
    void opensAnS3StoreWithoutContactingTheServer() {
        var location = RepositoryLocation.parse("s3://volsync/app", Map.of("KOPIA_S3_ENDPOINT", "garage:3900",
                "AWS_ACCESS_KEY_ID", "GK1", "AWS_SECRET_ACCESS_KEY", "secret"));

        try (BlobStore backend = BlobStoreFactory.openBackend(location)) {
            assertThat(backend).isInstanceOf(S3BlobStore.class);
            assertThat(backend.describe()).isEqualTo(location.describe());
        }
    }

    @Test
    void missingFilesystemRootIsNotFound() {
        var location = RepositoryLocation.parse("filesystem://" + root.resolve("absent"), Map.of());

        var e = catchThrowableOfType(StorageException.class, () -> factory.open(location));

        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains(root.resolve("absent").toString());
    }
}
