package dev.rewind.storage.fs;

import dev.rewind.storage.BlobId;
import java.util.List;
import java.util.Optional;

/** How blob ids map to files below a root directory. */
sealed interface FileLayout {

    /** The path segments of a blob below the root, or empty when no file can hold that id in this layout. */
    Optional<List<String>> segments(BlobId id);

    /** The id prefix that the files of a directory named {@code name} share, given its parent's prefix. */
    String directoryPrefix(String parentPrefix, String name);

    /** The blob id of a regular file named {@code name} in a directory with {@code directoryPrefix}, if a blob. */
    Optional<String> blobId(String directoryPrefix, String name);

    String scheme();

    /**
     * Kopia's sharded layout (kopia-format.md §4.2): ids never contain {@code /}, files end in {@code .f}, other
     * files (temporary files, {@code .shards}) are ignored.
     */
    record Sharded(ShardingParameters parameters) implements FileLayout {
        @Override
        public Optional<List<String>> segments(BlobId id) {
            if (id.value().contains("/")) {
                return Optional.empty();
            }
            return Optional.of(parameters.segments(id));
        }

        @Override
        public String directoryPrefix(String parentPrefix, String name) {
            return parentPrefix + name;
        }

        @Override
        public Optional<String> blobId(String directoryPrefix, String name) {
            if (!name.endsWith(FilesystemBlobStore.KOPIA_BLOB_SUFFIX)
                    || name.length() == FilesystemBlobStore.KOPIA_BLOB_SUFFIX.length()) {
                return Optional.empty();
            }
            return Optional.of(directoryPrefix
                    + name.substring(0, name.length() - FilesystemBlobStore.KOPIA_BLOB_SUFFIX.length()));
        }

        @Override
        public String scheme() {
            return "filesystem://";
        }
    }

    /** A plain directory tree (a Barman mirror): the blob id is the file's path relative to the root. */
    record Plain() implements FileLayout {
        @Override
        public Optional<List<String>> segments(BlobId id) {
            return Optional.of(List.of(id.value().split("/", -1)));
        }

        @Override
        public String directoryPrefix(String parentPrefix, String name) {
            return parentPrefix + name + "/";
        }

        @Override
        public Optional<String> blobId(String directoryPrefix, String name) {
            return Optional.of(directoryPrefix + name);
        }

        @Override
        public String scheme() {
            return "file://";
        }
    }
}
