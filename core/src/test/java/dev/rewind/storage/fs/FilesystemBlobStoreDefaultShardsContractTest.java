package dev.rewind.storage.fs;

import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a kopia filesystem repository without {@code .shards}: kopia's default [3,3]/20. */
class FilesystemBlobStoreDefaultShardsContractTest extends BlobStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected BlobStore createStore() {
        return FilesystemBlobStore.kopia(root);
    }

    @Override
    protected void put(String id, byte[] bytes) {
        ShardedFilesystemFixture.write(root, ShardingParameters.KOPIA_FILESYSTEM_DEFAULT, id, bytes);
    }
}
