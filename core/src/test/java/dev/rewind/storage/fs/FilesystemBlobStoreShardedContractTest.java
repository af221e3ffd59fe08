package dev.rewind.storage.fs;

import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreContractTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a kopia filesystem repository whose {@code .shards} says [1,3] with an override. */
class FilesystemBlobStoreShardedContractTest extends BlobStoreContractTest {
    static final String SHARDS = "{\"default\":[1,3],\"maxNonShardedLength\":20,"
            + "\"overrides\":[{\"prefix\":\"xn\",\"shards\":[2,2,2]}]}";
    private static final ShardingParameters SHARDING = new ShardingParameters(List.of(1, 3), 20,
            List.of(new ShardingParameters.Override("xn", List.of(2, 2, 2))));

    @TempDir
    Path root;

    @Override
    protected BlobStore createStore() throws Exception {
        Files.writeString(root.resolve(".shards"), SHARDS, StandardCharsets.UTF_8);
        return FilesystemBlobStore.kopia(root);
    }

    @Override
    protected void put(String id, byte[] bytes) {
        ShardedFilesystemFixture.write(root, SHARDING, id, bytes);
    }
}
