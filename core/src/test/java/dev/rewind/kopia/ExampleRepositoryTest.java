package dev.rewind.kopia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.storage.fs.FilesystemBlobStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example repository in docs/examples (the README's main command reads it) is a readable Kopia repository. */
class ExampleRepositoryTest {
    private static final Path COMMITTED = Path.of("..", "docs", "examples", "kopia-repository");

    @Test
    void theCommittedExampleOpensAndListsBothSourcesWithThreeSnapshotsEach() throws Exception {
        assertThat(Files.readString(COMMITTED.resolveSibling("kopia-repository.password")).strip())
                .isEqualTo(ExampleRepository.PASSWORD);
        check(COMMITTED);
    }

    @Test
    void theGeneratorWritesKopiasShardedFilesystemLayout(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("kopia-repository");
        ExampleRepository.writeTo(repo);
        assertThat(repo.resolve(".shards")).exists();
        assertThat(repo.resolve("kopia.repository.f")).exists();
        try (var packs = Files.list(repo.resolve("p"))) {
            assertThat(packs).allSatisfy(shard -> assertThat(shard.getFileName().toString()).hasSize(3));
        }
        check(repo);
    }

    private static void check(Path root) throws Exception {
        KopiaRepository repo = KopiaRepository.open(FilesystemBlobStore.kopia(root),
                ExampleRepository.PASSWORD.toCharArray(), CachingFormatKeyDeriver.shared());
        assertThat(repo.catalog().sources()).extracting(SourceInfo::toString)
                .containsExactlyInAnyOrder(ExampleRepository.PAPERLESS, ExampleRepository.GRAFANA);
        var paperless = repo.catalog().snapshots(SourceInfo.parse(ExampleRepository.PAPERLESS));
        assertThat(paperless).hasSize(3);
        SnapshotManifest newest = paperless.get(0);
        assertThat(newest.startAt()).isEqualTo(ExampleRepository.FIRST_AT.plusSeconds(2 * 86_400L));
        var pdf = (DirectoryEntry.File) repo.tree().getEntry(newest, "media/documents/originals/0000001.pdf");
        try (InputStream in = repo.tree().openFile(pdf)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("%PDF-1.7 invoice 2026-001\n");
        }
        assertThat(repo.catalog().snapshots(SourceInfo.parse(ExampleRepository.GRAFANA))).hasSize(3);
    }
}
