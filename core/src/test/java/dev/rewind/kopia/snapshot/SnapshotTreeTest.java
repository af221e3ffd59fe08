package dev.rewind.kopia.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.kopia.content.InMemoryContentSource;
import dev.rewind.kopia.manifest.ManifestFixtures;
import dev.rewind.kopia.object.ObjectId;
import dev.rewind.kopia.object.ObjectReader;
import dev.rewind.kopia.object.ObjectStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotTreeTest {
    private static final SourceInfo SOURCE = SourceInfo.parse("paperless-ngx@default:/data");

    private final InMemoryContentSource contents = new InMemoryContentSource();
    private final SnapshotTree tree = new SnapshotTree(new ObjectReader(contents));
    private final byte[] big = new byte[100_000];

    SnapshotTreeTest() {
        new Random(7).nextBytes(big);
    }

    private static SnapshotManifest snapshotOf(DirectoryEntry root) {
        return new SnapshotManifest(SnapshotId.parse("5f0d3c2b9a8e4f6a1b2c3d4e5f607182"), SOURCE, "",
                Instant.parse("2025-11-23T15:47:20.123456Z"), Instant.parse("2025-11-23T15:47:31Z"),
                SnapshotStats.empty(), Optional.empty(), Optional.of(root), Map.of(), List.of());
    }

    private static DirectoryEntry.Directory rootDir(ObjectId object) {
        return new DirectoryEntry.Directory("data", new EntryMode(0755, false, false, false), Instant.EPOCH,
                new DirectoryEntry.Owner(0, 0), object, Optional.empty());
    }

    /** data/{docs/{deep/{note.txt}, readme.md}, big.bin, empty.txt, latest -> docs/readme.md}. */
    private SnapshotManifest sampleSnapshot() {
        ObjectId deep = new TreeBuilder(contents).file("note.txt", "remember".getBytes(UTF_8)).store();
        ObjectId docs = new TreeBuilder(contents).file("readme.md", "# readme\n".getBytes(UTF_8)).dir("deep", deep)
                .storeIndirect();
        ObjectId root = new TreeBuilder(contents)
                .symlink("latest", "docs/readme.md")
                .file("empty.txt", new byte[0])
                .bigFile("big.bin", big, 30_000)
                .dir("docs", docs)
                .store();
        return snapshotOf(rootDir(root));
    }

    @Test
    void parsesAHandWrittenDirectoryObject() {
        ContentId id = ContentId.parse("k4f1a9e8049091615cbe4ad93507680f3");
        contents.put(id, ManifestFixtures.resource(getClass(), "directory.json").getBytes(UTF_8));

        DirectoryManifest directory = tree.readDirectory(ObjectId.direct(id));

        assertThat(directory.entries()).extracting(DirectoryEntry::name)
                .containsExactly("media", "tmp", "a.txt", "fifo", "latest", "run-as-root", "shared");
        assertThat(directory.findEntry("media")).hasValueSatisfying(entry ->
                assertThat(entry).isInstanceOfSatisfying(DirectoryEntry.Directory.class, media -> {
                    assertThat(media.modifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:40:02.123456789Z"));
                    assertThat(media.owner()).isEqualTo(new DirectoryEntry.Owner(1000, 1000));
                    assertThat(media.object().toString()).isEqualTo("Ik18c2fa7d9108a2bf0d9d5b8e7993c48d");
                    DirectorySummary summary = media.summary().orElseThrow();
                    assertThat(summary.totalSizeBytes()).isEqualTo(4096);
                    assertThat(summary.fileCount()).isEqualTo(2);
                    assertThat(summary.symlinkCount()).isEqualTo(1);
                    assertThat(summary.dirCount()).isEqualTo(3);
                    assertThat(summary.incompleteReason()).contains("canceled");
                    assertThat(summary.failedCount()).isEqualTo(1);
                    assertThat(summary.ignoredErrorCount()).isEqualTo(2);
                    assertThat(summary.errors()).containsExactly(
                            new DirectorySummary.EntryError("media/locked.db", "permission denied"));
                }));
        assertThat(directory.findEntry("tmp").orElseThrow().mode()).isEqualTo(new EntryMode(0777, false, false, true));
        assertThat(directory.findEntry("shared").orElseThrow().mode().toString()).isEqualTo("02775");
        assertThat(directory.findEntry("a.txt")).hasValueSatisfying(entry ->
                assertThat(entry).isInstanceOfSatisfying(DirectoryEntry.File.class, file -> {
                    assertThat(file.sizeBytes()).isEqualTo(12);
                    assertThat(file.modifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:47:20.5Z"));
                    assertThat(file.mode().posixBits()).isEqualTo(0644);
                    assertThat(file.owner()).isEqualTo(new DirectoryEntry.Owner(1000, 100));
                }));
        assertThat(directory.findEntry("run-as-root").orElseThrow().mode().posixBits()).isEqualTo(04755);
        assertThat(directory.findEntry("run-as-root").orElseThrow().owner()).isEqualTo(new DirectoryEntry.Owner(0, 0));
        assertThat(directory.findEntry("latest").orElseThrow()).isInstanceOf(DirectoryEntry.Symlink.class);
        assertThat(directory.findEntry("fifo").orElseThrow()).isInstanceOfSatisfying(DirectoryEntry.Other.class,
                other -> assertThat(other.type()).isEmpty());
        assertThat(directory.summary()).hasValueSatisfying(summary -> {
            assertThat(summary.totalSizeBytes()).isEqualTo(6156);
            assertThat(summary.maxModifiedAt()).isEqualTo(Instant.parse("2025-11-23T15:40:02.123456789Z"));
        });
    }

    @Test
    void wrongStreamTypeOrUnsafeNamesAreCorruptNamingTheDirectory() {
        ObjectId notDirectory = ObjectId.direct(contents.put('k',
                "{\"stream\":\"kopia:indirect\",\"entries\":[]}".getBytes(UTF_8)));
        ObjectId escaping = ObjectId.direct(contents.put('k', ("{\"stream\":\"kopia:directory\",\"entries\":["
                + "{\"name\":\"..\",\"type\":\"d\",\"obj\":\"k18c2fa7d9108a2bf0d9d5b8e7993c48d\"}]}").getBytes(UTF_8)));
        ObjectId noObject = ObjectId.direct(contents.put('k', ("{\"stream\":\"kopia:directory\",\"entries\":["
                + "{\"name\":\"a\",\"type\":\"f\"}]}").getBytes(UTF_8)));
        ObjectId badMode = ObjectId.direct(contents.put('k', ("{\"stream\":\"kopia:directory\",\"entries\":["
                + "{\"name\":\"a\",\"type\":\"f\",\"mode\":\"rwx\",\"obj\":\"k18c2fa7d9108a2bf0d9d5b8e7993c48d\"}]}")
                .getBytes(UTF_8)));

        for (ObjectId id : List.of(notDirectory, escaping, noObject, badMode)) {
            assertThatThrownBy(() -> tree.readDirectory(id)).isInstanceOfSatisfying(RewindException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                assertThat(e.getMessage()).contains("directory object " + id);
            });
        }
    }

    @Test
    void looksUpPathsInsideTheSnapshot() {
        SnapshotManifest snapshot = sampleSnapshot();

        assertThat(tree.getEntry(snapshot, "").name()).isEqualTo("data");
        assertThat(tree.getEntry(snapshot, "/").name()).isEqualTo("data");
        assertThat(tree.getEntry(snapshot, "docs")).isInstanceOf(DirectoryEntry.Directory.class);
        assertThat(tree.getEntry(snapshot, "/docs/deep/note.txt")).isInstanceOfSatisfying(DirectoryEntry.File.class,
                file -> assertThat(file.sizeBytes()).isEqualTo(8));
        assertThat(tree.getEntry(snapshot, "docs//deep/./note.txt/").name()).isEqualTo("note.txt");
        assertThat(tree.findEntry(snapshot, "docs/missing")).isEmpty();
        assertThat(tree.findEntry(snapshot, "big.bin/inside")).isEmpty();
        assertThatThrownBy(() -> tree.getEntry(snapshot, "/docs/nope.txt"))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("'docs/nope.txt'").hasMessageContaining(snapshot.id().toString())
                .hasMessageContaining(SOURCE.toString());
        assertThatThrownBy(() -> tree.getEntry(snapshot, "docs/../../etc"))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
    }

    @Test
    void listsDirectoriesLikeLs() {
        SnapshotManifest snapshot = sampleSnapshot();

        assertThat(tree.list(snapshot, "")).extracting(DirectoryEntry::name)
                .containsExactly("docs", "big.bin", "empty.txt", "latest");
        assertThat(tree.list(snapshot, "docs")).extracting(DirectoryEntry::name).containsExactly("deep", "readme.md");
        assertThat(tree.list(snapshot, "docs/readme.md")).extracting(DirectoryEntry::name)
                .containsExactly("readme.md");
    }

    @Test
    void walksTheWholeTreeDepthFirst() {
        SnapshotManifest snapshot = sampleSnapshot();

        assertThat(tree.walk(snapshot).map(TreeNode::path)).containsExactly(
                "", "docs", "docs/deep", "docs/deep/note.txt", "docs/readme.md", "big.bin", "empty.txt", "latest");
        assertThat(tree.walk(snapshot).filter(n -> n.path().equals("docs/deep/note.txt")).findFirst())
                .hasValueSatisfying(node -> assertThat(node.depth()).isEqualTo(3));
    }

    @Test
    void walkReadsADirectoryOnlyWhenItDescendsIntoIt() {
        ObjectId missing = ObjectId.parse("k00112233445566778899aabbccddeeff");
        ObjectId root = new TreeBuilder(contents).dir("a", new TreeBuilder(contents).file("x", new byte[1]).store())
                .dir("b", missing).file("c", new byte[2]).store();
        SnapshotManifest snapshot = snapshotOf(rootDir(root));

        assertThat(tree.walk(snapshot).limit(4).map(TreeNode::path)).containsExactly("", "a", "a/x", "b");
        assertThatThrownBy(() -> tree.walk(snapshot).toList())
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(missing.content().toString());
    }

    @Test
    void readsFilesSymlinksAndEmptyFiles() throws IOException {
        SnapshotManifest snapshot = sampleSnapshot();

        DirectoryEntry.File bigFile = (DirectoryEntry.File) tree.getEntry(snapshot, "big.bin");
        assertThat(bigFile.object().isIndirect()).isTrue();
        try (ObjectStream stream = tree.openFile(bigFile)) {
            assertThat(stream.lengthBytes()).isEqualTo(bigFile.sizeBytes());
            assertThat(stream.readAllBytes()).isEqualTo(big);
        }
        DirectoryEntry.File empty = (DirectoryEntry.File) tree.getEntry(snapshot, "empty.txt");
        assertThat(empty.object().isIndirect()).isFalse();
        try (ObjectStream stream = tree.openFile(empty)) {
            assertThat(stream.readAllBytes()).isEmpty();
        }
        assertThat(tree.readSymlinkTarget((DirectoryEntry.Symlink) tree.getEntry(snapshot, "latest")))
                .isEqualTo("docs/readme.md");
    }

    @Test
    void singleFileSnapshotHasAFileAsRoot() throws IOException {
        byte[] data = "just one file".getBytes(UTF_8);
        DirectoryEntry.File root = new DirectoryEntry.File("dump.sql", new EntryMode(0600, false, false, false),
                Instant.EPOCH, new DirectoryEntry.Owner(26, 26), ObjectId.direct(contents.put((char) 0, data)),
                data.length);
        SnapshotManifest snapshot = snapshotOf(root);

        assertThat(tree.getEntry(snapshot, "")).isEqualTo(root);
        assertThat(tree.list(snapshot, "/")).containsExactly(root);
        assertThat(tree.walk(snapshot)).containsExactly(new TreeNode("", root));
        assertThat(tree.findEntry(snapshot, "dump.sql")).isEmpty();
        try (ObjectStream stream = tree.openFile(root)) {
            assertThat(stream.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void normalisesPaths() {
        assertThat(SnapshotTree.normalize("/a//b/./c/")).isEqualTo("a/b/c");
        assertThat(SnapshotTree.normalize("/")).isEmpty();
    }
}
