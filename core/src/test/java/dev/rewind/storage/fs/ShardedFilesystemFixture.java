package dev.rewind.storage.fs;

import dev.rewind.storage.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes blobs into a directory the way kopia's filesystem backend lays them out, for tests. */
final class ShardedFilesystemFixture {
    private ShardedFilesystemFixture() {
    }

    static Path write(Path root, ShardingParameters sharding, String id, byte[] bytes) {
        Path file = root.resolve(sharding.relativePath(BlobId.of(id)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
