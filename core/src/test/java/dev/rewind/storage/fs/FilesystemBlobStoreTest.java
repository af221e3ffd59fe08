package dev.rewind.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout-specific behaviour of {@link FilesystemBlobStore} beyond the shared contract. */
class FilesystemBlobStoreTest {
    private static final String PACK = "p80bffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d";

    @TempDir
    Path root;

    private Path write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> ids(FilesystemBlobStore store, String prefix) {
        try (Stream<BlobMetadata> s = store.list(prefix)) {
            return s.map(m -> m.id().value()).sorted().toList();
        }
    }

    @Test
    void readsBlobsWhereKopiaWritesThemWithOneThreeShards() throws Exception {
        Files.writeString(root.resolve(".shards"), "{\"default\":[1,3],\"maxNonShardedLength\":20}");
        write("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f", "pack");
        write("kopia.repository.f", "format");

        var store = FilesystemBlobStore.kopia(root);

        assertThat(new String(store.read(BlobId.of(PACK)), StandardCharsets.UTF_8)).isEqualTo("pack");
        assertThat(new String(store.read(BlobId.of("kopia.repository")), StandardCharsets.UTF_8)).isEqualTo("format");
        assertThat(store.pathOf(BlobId.of(PACK))).contains(
                root.resolve("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f"));
        assertThat(ids(store, "")).containsExactly("kopia.repository", PACK);
    }

    @Test
    void assumesThreeThreeWithoutShardsFileAndNeverCreatesIt() throws Exception {
        write("n07/045/2b1e0123456789abcdef012345.f", "index");

        var store = FilesystemBlobStore.kopia(root);

        assertThat(store.sharding()).contains(ShardingParameters.KOPIA_FILESYSTEM_DEFAULT);
        assertThat(store.read(BlobId.of("n070452b1e0123456789abcdef012345"))).hasSize(5);
        assertThat(ids(store, "n")).containsExactly("n070452b1e0123456789abcdef012345");
        assertThat(root.resolve(".shards")).doesNotExist();
    }

    @Test
    void ignoresFilesWithoutTheBlobSuffix() throws Exception {
        write("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f", "pack");
        write("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f.tmp.1234", "partial");
        write("kopia.repository.tmp", "partial");
        write("README", "not a blob");
        Files.writeString(root.resolve(".shards"), "{\"default\":[1,3],\"maxNonShardedLength\":20}");

        var store = FilesystemBlobStore.kopia(root);

        assertThat(ids(store, "")).containsExactly(PACK);
        assertThat(store.find(BlobId.of("README"))).isEmpty();
        assertThat(store.find(BlobId.of("kopia.repository"))).isEmpty();
    }

    @Test
    void listingWalksOnlyShardDirectoriesThatCanMatch() throws Exception {
        Files.writeString(root.resolve(".shards"), "{\"default\":[1,3],\"maxNonShardedLength\":20}");
        write("p/80b/ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f", "pack");
        // a trap: walking into q/ follows a symlink loop until the OS refuses (too many levels of symbolic links)
        Files.createDirectories(root.resolve("q"));
        Files.createSymbolicLink(root.resolve("q/loop"), root.resolve("q"));
        var store = FilesystemBlobStore.kopia(root);

        assertThat(ids(store, "p")).containsExactly(PACK);
        assertThat(ids(store, "p80b")).containsExactly(PACK);
        assertThat(ids(store, "x")).isEmpty();
        var e = catchThrowableOfType(StorageException.class, () -> ids(store, "q"));
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void modificationTimeIsTheFilesMtime() throws Exception {
        Instant mtime = Instant.parse("2025-10-01T12:34:56Z");
        Path file = write("kopia.repository.f", "format");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        var store = FilesystemBlobStore.kopia(root);

        assertThat(store.get(BlobId.of("kopia.repository")).modifiedAt()).isEqualTo(mtime);
        try (var listing = store.list("kopia")) {
            assertThat(listing.toList()).singleElement().extracting(BlobMetadata::modifiedAt).isEqualTo(mtime);
        }
    }

    @Test
    void noIdResolvesOutsideTheRoot() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path repo = Files.createDirectories(root.resolve("repo"));
        Files.writeString(outside.resolve("secret.f"), "secret");
        Files.writeString(repo.resolve(".shards"), "{\"default\":[2,3],\"maxNonShardedLength\":0}");
        var sharded = FilesystemBlobStore.kopia(repo);
        var plain = FilesystemBlobStore.plain(repo);

        for (String id : List.of("..", "../outside/secret", ".", "./x", "a//b", "a/./b", "a/", "..outside",
                "..y/../../outside/secret")) {
            if (isValidBlobId(id)) {
                for (FilesystemBlobStore store : List.of(sharded, plain)) {
                    store.pathOf(BlobId.of(id)).ifPresent(p -> {
                        assertThat(p.normalize().startsWith(repo) && !p.normalize().equals(repo)).as(id).isTrue();
                        assertThat(p).as(id).isEqualTo(p.normalize());
                    });
                    assertThat(store.find(BlobId.of(id))).as(id).isEmpty();
                }
            }
        }
        assertThat(plain.pathOf(BlobId.of("./x"))).isEmpty();
        assertThat(plain.pathOf(BlobId.of("a//b"))).isEmpty();
        assertThat(plain.pathOf(BlobId.of("a/./b"))).isEmpty();
        assertThat(plain.pathOf(BlobId.of("a/"))).isEmpty();
        // [2,3] turns "..outside/secret" into the segments "..", "out", ... : rejected, not resolved
        assertThat(sharded.pathOf(BlobId.of("..outsidesecret"))).isEmpty();
        assertThat(sharded.pathOf(BlobId.of("..x"))).isEmpty();
        assertThat(plain.pathOf(BlobId.of("..x"))).contains(repo.resolve("..x")); // a file name, not a parent
        assertThat(sharded.pathOf(BlobId.of("p0/x"))).isEmpty();
    }

    private static boolean isValidBlobId(String id) {
        try {
            BlobId.of(id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void plainLayoutUsesRelativePathsAsIds() throws Exception {
        write("pg/wals/0000000100000000/000000010000000000000001.gz", "wal1");
        write("pg/wals/0000000100000000/000000010000000000000002.gz", "wal2");
        write("pg/base/20250101T000000/backup.info", "info");
        write("pg/base/20250101T000000/data.tar.gz", "data");
        var store = FilesystemBlobStore.plain(root);

        assertThat(ids(store, "pg/wals/")).containsExactly(
                "pg/wals/0000000100000000/000000010000000000000001.gz",
                "pg/wals/0000000100000000/000000010000000000000002.gz");
        assertThat(ids(store, "pg/base/20250101T000000/b")).containsExactly("pg/base/20250101T000000/backup.info");
        assertThat(ids(store, "pg/w")).hasSize(2);
        assertThat(ids(store, "")).hasSize(4);
        assertThat(new String(store.read(BlobId.of("pg/base/20250101T000000/backup.info")), StandardCharsets.UTF_8))
                .isEqualTo("info");
        assertThat(store.find(BlobId.of("pg/wals"))).isEmpty();
        assertThat(catchThrowableOfType(BlobNotFoundException.class, () -> store.read(BlobId.of("pg/wals"))))
                .isNotNull();
        assertThat(store.describe()).isEqualTo("file://" + root.toAbsolutePath());
    }

    @Test
    void missingRootIsNotFoundNamingThePath() {
        Path missing = root.resolve("no-such-repository");

        var e = catchThrowableOfType(StorageException.class, () -> FilesystemBlobStore.kopia(missing));

        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains(missing.toString());
    }

    @Test
    void malformedShardsFileIsCorruptNamingIt() throws Exception {
        Files.writeString(root.resolve(".shards"), "{not json");

        var e = catchThrowableOfType(StorageException.class, () -> FilesystemBlobStore.kopia(root));

        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains(root.resolve(".shards").toString());
    }

    @Test
    void describesItselfAsAKopiaFilesystemUrl() {
        assertThat(FilesystemBlobStore.kopia(root).describe()).isEqualTo("filesystem://" + root.toAbsolutePath());
    }
}
