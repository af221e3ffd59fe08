package dev.rewind.kopia;

import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.fs.FilesystemBlobStore;
import dev.rewind.storage.fs.ShardingParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/** Copies a repository written into memory to a directory in kopia's sharded filesystem layout ({@code [1,3]}). */
public final class FilesystemExport {
    private FilesystemExport() {
    }

    /** Writes every blob of {@code store} under {@code dir} (created), with a {@code .shards} file. */
    public static Path write(InMemoryBlobStore store, Path dir) throws IOException {
        return write(store, dir, Optional.empty());
    }

    /** As {@link #write(InMemoryBlobStore, Path)}, stamping every file with {@code modifiedAt} when given. */
    public static Path write(InMemoryBlobStore store, Path dir, Optional<Instant> modifiedAt) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ShardingParameters.FILE_NAME), "{\"default\":[1,3],\"maxNonShardedLength\":20}");
        FilesystemBlobStore layout = FilesystemBlobStore.kopia(dir);
        for (var blob : store.snapshot().entrySet()) {
            Path file = layout.pathOf(blob.getKey()).orElseThrow();
            Files.createDirectories(file.getParent());
            Files.write(file, blob.getValue());
            if (modifiedAt.isPresent()) {
                Files.setLastModifiedTime(file, FileTime.from(modifiedAt.get()));
            }
        }
        return dir;
    }
}
