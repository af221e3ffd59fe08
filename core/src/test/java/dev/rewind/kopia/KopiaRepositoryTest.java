package dev.rewind.kopia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.compression.CompressorName;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.crypto.ContentCipher;
import dev.rewind.kopia.crypto.HashAlgorithm;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.format.KeyDerivationAlgorithm;
import dev.rewind.kopia.object.ObjectStream;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.SnapshotCatalog;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.kopia.snapshot.TreeNode;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips through the fixture writer: every feature written as kopia does is read back exactly. */
class KopiaRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final String PAPERLESS = "paperless-ngx@default:/data";
    private static final String GRAFANA = "grafana@observability:/data";

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private KopiaFixtureWriter writer(FormatBlobWriter format) {
        return KopiaFixtureWriter.create(new InMemoryBlobStore(clock), format, new SplittableRandom(7), clock);
    }

    private static FormatBlobWriter defaults() {
        return FormatBlobWriter.withDefaults(new SplittableRandom(42));
    }

    private static KopiaRepository open(KopiaFixtureWriter w) {
        return KopiaRepository.open(w.store(), w.password().toCharArray(),
                dev.rewind.kopia.format.CachingFormatKeyDeriver.shared());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] readAll(KopiaRepository repo, SnapshotManifest s, String path) throws IOException {
        var entry = (DirectoryEntry.File) repo.tree().getEntry(s, path);
        try (InputStream in = repo.tree().openFile(entry)) {
            return in.readAllBytes();
        }
    }

    @Test
    void listsSourcesAndSnapshotsNewestFirstAndReadsTheirTrees() throws IOException {
        KopiaFixtureWriter w = writer(defaults());
        String first = w.snapshot(PAPERLESS, T0).file("media/doc1.pdf", text("one")).commit();
        String second = w.snapshot(PAPERLESS, T0.plusSeconds(3600))
                .file("media/doc1.pdf", text("one"))
                .file("media/doc2.pdf", text("two"))
                .symlink("current", "media/doc2.pdf")
                .commit();
        w.snapshot(GRAFANA, T0.plusSeconds(60)).file("grafana.db", random(10_000, 1)).commit();

        KopiaRepository repo = open(w);
        SnapshotCatalog catalog = repo.catalog();
        assertThat(catalog.sources()).extracting(SourceInfo::toString).containsExactlyInAnyOrder(PAPERLESS, GRAFANA);
        List<SnapshotManifest> snaps = catalog.snapshots(SourceInfo.parse(PAPERLESS));
        assertThat(snaps).extracting(s -> s.id().toString()).containsExactly(second, first);
        SnapshotManifest newest = snaps.get(0);
        assertThat(newest.startAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(newest.stats().fileCount()).isEqualTo(2);
        assertThat(readAll(repo, newest, "media/doc2.pdf")).isEqualTo(text("two"));
        assertThat(repo.tree().walk(newest).map(TreeNode::path).collect(Collectors.toList()))
                .contains("media", "media/doc1.pdf", "media/doc2.pdf", "current");
        var link = (DirectoryEntry.Symlink) repo.tree().getEntry(newest, "current");
        assertThat(repo.tree().readSymlinkTarget(link)).isEqualTo("media/doc2.pdf");
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void readsFilesWrittenWithEveryCompressor(CompressorName compressor) throws IOException {
        KopiaFixtureWriter w = writer(defaults()).fileCompression(compressor);
        byte[] compressible = text("paperless ".repeat(20_000));
        w.snapshot(PAPERLESS, T0).file("a.txt", compressible).commit();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        var entry = (DirectoryEntry.File) repo.tree().getEntry(s, "a.txt");
        assertThat(readAll(repo, s, "a.txt")).isEqualTo(compressible);
        var index = repo.index().get(entry.object().content());
        assertThat(index.compressionHeaderId()).isEqualTo(compressor.headerId());
    }

    @ParameterizedTest
    @EnumSource(CompressorName.class)
    void copiesFilesOfEveryCompressorThroughOneSetOfReusedBuffers(CompressorName compressor) throws IOException {
        KopiaFixtureWriter w = writer(defaults()).fileCompression(compressor);
        byte[] large = text("paperless ".repeat(300_000));
        byte[] big = random(9 * 1024 * 1024 + 123, 11);
        byte[] small = text("a small note");
        w.snapshot(PAPERLESS, T0).file("large.txt", large).file("big.bin", big).file("small.txt", small)
                .file("empty", new byte[0]).commit();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        ContentBuffers buffers = new ContentBuffers();

        // largest first, so later (shorter) contents are read into arrays longer than themselves
        assertThat(copied(repo, s, "big.bin", buffers)).isEqualTo(big);
        assertThat(copied(repo, s, "large.txt", buffers)).isEqualTo(large);
        assertThat(copied(repo, s, "small.txt", buffers)).isEqualTo(small);
        assertThat(copied(repo, s, "empty", buffers)).isEmpty();
        assertThat(copied(repo, s, "large.txt", buffers)).isEqualTo(readAll(repo, s, "large.txt"));
        assertThat(buffers.heldBytes()).as("three reused arrays of at most 16 MiB")
                .isLessThanOrEqualTo(3L * (16 << 20));
    }

    /** A repository with one snapshot of PAPERLESS holding one file, "doc". */
    private record OneFile(KopiaFixtureWriter writer, KopiaRepository repo, SnapshotManifest snapshot,
                           DirectoryEntry.File entry) {
    }

    private OneFile oneFile(byte[] data) {
        KopiaFixtureWriter w = writer(defaults());
        w.snapshot(PAPERLESS, T0).file("doc", data).commit();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        return new OneFile(w, repo, s, (DirectoryEntry.File) repo.tree().getEntry(s, "doc"));
    }

    @Test
    void anIndexEntryClaimingAHugeLengthIsCorruptWithoutAllocatingForIt() {
        OneFile one = oneFile(text("important"));
        KopiaRepository repo = one.repo();
        var file = one.entry();
        var real = repo.index().get(file.object().content());
        var claimed = new dev.rewind.kopia.index.IndexEntry(real.contentId(), real.packBlobId(), real.packOffset(),
                1L << 30, 1L << 30, real.timestampSeconds(), false, real.compressionHeaderId(),
                real.formatVersion(), real.encryptionKeyId(), real.indexVersion());
        ContentBuffers buffers = new ContentBuffers();

        assertThatThrownBy(() -> repo.contents().read(claimed, buffers))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining(real.packBlobId().value());
        assertThat(buffers.heldBytes()).isZero();
    }

    private static byte[] copied(KopiaRepository repo, SnapshotManifest s, String path, ContentBuffers buffers)
            throws IOException {
        var entry = (DirectoryEntry.File) repo.tree().getEntry(s, path);
        var out = new java.io.ByteArrayOutputStream();
        long written = repo.tree().copyFile(entry, out, buffers);
        assertThat(written).isEqualTo(out.size()).isEqualTo(entry.sizeBytes());
        return out.toByteArray();
    }

    /** Reading a damaged file fails the same way through a stream and through reused buffers. */
    private static void assertCorruptBothWays(KopiaRepository repo, SnapshotManifest s, String path,
                                              String... named) {
        for (var read : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(() -> readAll(repo, s, path),
                () -> copied(repo, s, path, new ContentBuffers()))) {
            assertThatThrownBy(read)
                    .isInstanceOfSatisfying(RewindException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                    .hasMessageContaining(named[0])
                    .hasMessageContaining(named[named.length - 1]);
        }
    }

    @Test
    void readsAnIndirectObjectLargerThan8MiBByStreaming() throws Exception {
        KopiaFixtureWriter w = writer(defaults());
        byte[] big = random(9 * 1024 * 1024 + 123, 9);
        w.snapshot(PAPERLESS, T0).file("big.bin", big).commit();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        var entry = (DirectoryEntry.File) repo.tree().getEntry(s, "big.bin");
        assertThat(entry.object().isIndirect()).isTrue();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (ObjectStream in = repo.objects().open(entry.object())) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
    }

    @Test
    void mergesIndexBlobsOfSeveralEpochsAndHidesDeletedSnapshots() {
        KopiaFixtureWriter w = writer(defaults());
        String a = w.snapshot(PAPERLESS, T0).file("x", text("a")).commit();
        w.advanceEpoch();
        String b = w.snapshot(PAPERLESS, T0.plusSeconds(10)).file("x", text("b")).commit();
        w.advanceEpoch();
        String c = w.snapshot(PAPERLESS, T0.plusSeconds(20)).file("x", text("c")).commit();
        w.deleteSnapshot(b, T0.plusSeconds(30));

        KopiaRepository repo = open(w);
        assertThat(w.store().list("xn").map(m -> m.id().value().substring(0, 4)).distinct().sorted().toList())
                .containsExactly("xn0_", "xn1_", "xn2_");
        assertThat(repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)))
                .extracting(s -> s.id().toString()).containsExactly(c, a);
    }

    @Test
    void readsFormatVersion1RepositoriesWithLegacyIndexes() throws IOException {
        KopiaFixtureWriter w = writer(defaults().formatVersion(1));
        w.snapshot(PAPERLESS, T0).file("legacy.txt", text("v1")).commit();
        assertThat(w.store().list("n").count()).isPositive();
        assertThat(w.store().list("x").count()).isZero();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        assertThat(readAll(repo, s, "legacy.txt")).isEqualTo(text("v1"));
    }

    @Test
    void readsChaChaBlake3RepositoriesOpenedWithPbkdf2() throws IOException {
        KopiaFixtureWriter w = writer(defaults()
                .encryption(ContentCipher.CHACHA20_POLY1305_HMAC_SHA256)
                .hash(HashAlgorithm.byName("BLAKE3-256"))
                .keyDerivation(KeyDerivationAlgorithm.PBKDF2_SHA256_600000));
        w.snapshot(PAPERLESS, T0).file("f", text("chacha")).commit();
        KopiaRepository repo = open(w);
        SnapshotManifest s = repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        assertThat(readAll(repo, s, "f")).isEqualTo(text("chacha"));
    }

    @Test
    void aFlippedBitInAPackIsReportedAsCorruptNamingContentAndPack() {
        OneFile one = oneFile(text("important"));
        KopiaFixtureWriter w = one.writer();
        KopiaRepository repo = one.repo();
        SnapshotManifest s = one.snapshot();
        var entry = one.entry();
        var index = repo.index().get(entry.object().content());
        byte[] pack = w.store().read(index.packBlobId());
        pack[(int) index.packOffset() + 14] ^= 0x01;
        w.store().put(index.packBlobId(), pack);

        assertCorruptBothWays(repo, s, "doc", entry.object().content().toString(), index.packBlobId().value());
    }

    @Test
    void aTruncatedPackIsReportedAsCorruptNamingThePack() {
        OneFile one = oneFile(random(50_000, 3));
        KopiaFixtureWriter w = one.writer();
        KopiaRepository repo = one.repo();
        SnapshotManifest s = one.snapshot();
        var entry = one.entry();
        BlobId pack = repo.index().get(entry.object().content()).packBlobId();
        byte[] bytes = w.store().read(pack);
        w.store().put(pack, java.util.Arrays.copyOf(bytes, 1000));

        assertCorruptBothWays(repo, s, "doc", pack.value());
    }

    @Test
    void aMissingPackIsReportedAsCorruptNamingThePack() {
        OneFile one = oneFile(text("gone"));
        KopiaFixtureWriter w = one.writer();
        KopiaRepository repo = one.repo();
        SnapshotManifest s = one.snapshot();
        var entry = one.entry();
        BlobId pack = repo.index().get(entry.object().content()).packBlobId();
        w.store().delete(pack);

        assertCorruptBothWays(repo, s, "doc", pack.value(), "missing");
    }

    @Test
    void aCorruptIndexBlobFailsOpeningNamingTheBlob() {
        KopiaFixtureWriter w = writer(defaults());
        w.snapshot(PAPERLESS, T0).file("doc", text("x")).commit();
        BlobId indexBlob = w.store().list("xn").findFirst().orElseThrow().id();
        byte[] bytes = w.store().read(indexBlob);
        bytes[bytes.length - 3] ^= 0x40;
        w.store().put(indexBlob, bytes);

        assertThatThrownBy(() -> open(w))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining(indexBlob.value());
    }

    @Test
    void aMissingIndexBlobLeavesTreeContentsUnresolvableWithAnErrorNamingTheContent() {
        KopiaFixtureWriter w = writer(defaults());
        w.snapshot(PAPERLESS, T0).file("doc", text("first")).commit();
        // the second snapshot's data lands in its own index blob; losing it must not give a wrong listing
        w.snapshot(PAPERLESS, T0.plusSeconds(60)).file("doc", text("second")).commit();
        Map<BlobId, byte[]> before = w.store().snapshot();
        KopiaRepository full = open(w);
        SnapshotManifest newest = full.catalog().snapshots(SourceInfo.parse(PAPERLESS)).get(0);
        var doc = (DirectoryEntry.File) full.tree().getEntry(newest, "doc");
        BlobId dataIndexBlob = before.keySet().stream()
                .filter(id -> id.value().startsWith("xn"))
                .filter(id -> full.index().indexBlobs().stream()
                        .anyMatch(ix -> ix.blobId().equals(id) && ix.find(doc.object().content()).isPresent()))
                .findFirst().orElseThrow();
        w.store().delete(dataIndexBlob);

        KopiaRepository damaged = open(w);
        // the manifest of the newest snapshot was in the same index blob: it is gone from the listing, never
        // listed with unreadable data
        assertThat(damaged.catalog().snapshots(SourceInfo.parse(PAPERLESS)))
                .extracting(s -> s.id().toString()).doesNotContain(newest.id().toString());
        assertThatThrownBy(() -> damaged.contents().read(doc.object().content()))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(doc.object().content().toString());
    }

    @Test
    void wrongPasswordIsRefused() {
        KopiaFixtureWriter w = writer(defaults());
        w.flush();
        assertThatThrownBy(() -> KopiaRepository.open(w.store(), "nope".toCharArray(),
                dev.rewind.kopia.format.CachingFormatKeyDeriver.shared()))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
                .hasMessageContaining("wrong password");
    }

    @Test
    void anEmptyLocationIsNotFound() {
        assertThatThrownBy(() -> KopiaRepository.open(new InMemoryBlobStore(), "x".toCharArray()))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no Kopia repository");
    }

    @Test
    void compactedManifestsListTheSameSnapshotsAndSkipSoftDeletedManifestContents() {
        KopiaFixtureWriter w = writer(defaults());
        String a = w.snapshot(PAPERLESS, T0).file("x", text("a")).commit();
        String b = w.snapshot(PAPERLESS, T0.plusSeconds(10)).file("x", text("b")).commit();
        w.deleteSnapshot(a, T0.plusSeconds(20));
        String c = w.snapshot(GRAFANA, T0.plusSeconds(30)).file("y", text("c")).commit();
        assertThat(w.manifestContentCount()).isEqualTo(4);
        w.compactManifests();
        assertThat(w.manifestContentCount()).isEqualTo(1);

        KopiaRepository repo = open(w);
        try (var live = repo.contents().manifestContents()) {
            assertThat(live.count()).isEqualTo(1);
        }
        assertThat(repo.catalog().snapshots()).extracting(s -> s.id().toString()).containsExactlyInAnyOrder(b, c);
    }
}
