package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A test-only {@link BlobStore} over a plain directory tree where a blob id is the file's relative path (the layout
 * barman-cloud writes to S3, mirrored on disk). Modification times are the files' mtimes. Not the production
 * FilesystemBlobStore (which follows Kopia's sharded layout).
 */
final class DirectoryTreeBlobStore implements BlobStore {
    private final Path root;

    DirectoryTreeBlobStore(Path root) {
        this.root = root;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        Path file = root.resolve(id.value());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(metadata(file));
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        Path file = root.resolve(id.value());
        if (!Files.isRegularFile(file)) {
            throw new BlobNotFoundException(id, describe());
        }
        try {
            byte[] all = Files.readAllBytes(file);
            long end = range.toEnd() ? all.length : range.offset() + range.length();
            if (range.offset() > all.length || end > all.length) {
                throw new StorageException(Reason.CORRUPT, "blob " + id + " is shorter than range " + range, false);
            }
            return Arrays.copyOfRange(all, (int) range.offset(), (int) end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        try {
            return Files.walk(root).filter(Files::isRegularFile)
                    .map(this::metadata)
                    .filter(m -> m.id().value().startsWith(prefix))
                    .sorted((a, b) -> a.id().compareTo(b.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobMetadata metadata(Path file) {
        try {
            String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            return new BlobMetadata(BlobId.of(key), Files.size(file), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "directory " + root;
    }
}
