package dev.rewind.storage.fs;

import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a plain directory tree (Barman mirror layout): blob id = relative path. */
class FilesystemBlobStorePlainContractTest extends BlobStoreContractTest {
    @TempDir
    Path root;

    @Override
    protected BlobStore createStore() {
        return FilesystemBlobStore.plain(root);
    }

    @Override
    protected void put(String id, byte[] bytes) throws Exception {
        Path file = root.resolve(id);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
