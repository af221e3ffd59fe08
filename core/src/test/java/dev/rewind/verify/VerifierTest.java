package dev.rewind.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.compression.CompressorName;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.index.IndexEntry;
import dev.rewind.kopia.snapshot.DirectoryEntry;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final String PAPERLESS = "paperless-ngx@default:/data";
    private static final SourceInfo SOURCE = SourceInfo.parse(PAPERLESS);

    private final Clock writeClock = Clock.fixed(T0, ZoneOffset.UTC);
    private final List<ProgressEvent> events = new ArrayList<>();

    private KopiaFixtureWriter writer() {
        return KopiaFixtureWriter.create(new InMemoryBlobStore(writeClock),
                FormatBlobWriter.withDefaults(new SplittableRandom(42)), new SplittableRandom(7), writeClock);
    }

    private static KopiaRepository open(KopiaFixtureWriter w) {
        return KopiaRepository.open(w.store(), w.password().toCharArray(), CachingFormatKeyDeriver.shared());
    }

    private VerifyReport verify(KopiaFixtureWriter w, Instant now, VerifyPolicy policy) {
        return new Verifier(open(w), Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(1), events::add)
                .verify(policy.withParallelism(2));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** A healthy source: one snapshot with a few files, a big (indirect) file and a symlink. */
    private KopiaFixtureWriter healthy() {
        KopiaFixtureWriter w = writer().chunkBytes(64 * 1024);
        w.snapshot(PAPERLESS, T0)
                .file("media/doc1.pdf", text("one"))
                .file("media/doc2.pdf", random(200_000, 2))
                .file("notes.txt", text("notes ".repeat(1000)))
                .symlink("current", "media/doc2.pdf")
                .commit();
        return w;
    }

    private static IndexEntry entryOf(KopiaRepository repo, String path) {
        SnapshotManifest s = repo.catalog().snapshots(SOURCE).getFirst();
        var file = (DirectoryEntry.File) repo.tree().getEntry(s, path);
        return repo.index().get(file.object().content());
    }

    @Test
    void aHealthyRepositoryHasNoFindingsAndDeepVerifyDecryptsEveryContent() {
        KopiaFixtureWriter w = healthy();
        VerifyReport report = verify(w, T0.plusSeconds(600), VerifyPolicy.defaults().deep()
                .withMaxAge(Duration.ofDays(1)));

        assertThat(report.findings()).isEmpty();
        assertThat(report.hasErrors()).isFalse();
        var source = report.sources().getFirst();
        assertThat(source.source()).isEqualTo(SOURCE);
        assertThat(source.newestCompleteAge()).contains(Duration.ofMinutes(10));
        assertThat(source.snapshotsVerified()).isEqualTo(1);
        // 2 directories, doc1, notes, symlink, doc2 = seek table + 4 chunks
        assertThat(source.contentsChecked()).isEqualTo(10);
        assertThat(source.contentsDecrypted()).isEqualTo(10);
        assertThat(source.bytesDecrypted()).isGreaterThan(200_000);
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Finished f && f.subject().equals(PAPERLESS));
    }

    @Test
    void structureOnlyVerifyReadsDirectoriesButNoFileContents() {
        VerifyReport report = verify(healthy(), T0, VerifyPolicy.defaults());
        var source = report.sources().getFirst();
        assertThat(report.findings()).isEmpty();
        assertThat(source.contentsChecked()).isEqualTo(10);
        // only the two directories (the seek table of doc2 is read to find its chunks, but counts as structure)
        assertThat(source.contentsDecrypted()).isEqualTo(2);
    }

    @Test
    void eachContentIsVisitedOnceAcrossSnapshots() {
        KopiaFixtureWriter w = healthy();
        w.snapshot(PAPERLESS, T0.plusSeconds(3600))
                .file("media/doc1.pdf", text("one"))
                .file("media/doc2.pdf", random(200_000, 2))
                .file("notes.txt", text("notes ".repeat(1000)))
                .file("new.txt", text("new"))
                .symlink("current", "media/doc2.pdf")
                .commit();
        VerifyReport report = verify(w, T0.plusSeconds(3700), VerifyPolicy.defaults().deep().withAllSnapshots(true));
        var source = report.sources().getFirst();
        assertThat(report.findings()).isEmpty();
        assertThat(source.snapshotsVerified()).isEqualTo(2);
        // first snapshot: 10; the second adds new root and media/ directories (file mtimes moved) and new.txt;
        // the unchanged file contents (doc1, the four chunks and seek table of doc2, notes, the symlink) are not
        // checked again
        assertThat(source.contentsChecked()).isEqualTo(13);
        assertThat(source.contentsDecrypted()).isEqualTo(13);
    }

    @Test
    void aFlippedBitInAPackIsUnreadableContentNamingContentAndPackWhenSampled() {
        KopiaFixtureWriter w = healthy();
        IndexEntry doc = entryOf(open(w), "notes.txt");
        byte[] pack = w.store().read(doc.packBlobId());
        pack[(int) doc.packOffset() + 20] ^= 0x01;
        w.store().put(doc.packBlobId(), pack);

        VerifyReport shallow = verify(w, T0, VerifyPolicy.defaults());
        assertThat(shallow.hasErrors()).as("structure alone cannot see a flipped bit").isFalse();

        VerifyReport report = verify(w, T0, VerifyPolicy.defaults().deep());
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.UnreadableContent.class, f -> {
            assertThat(f.content()).contains(doc.contentId());
            assertThat(f.blob()).contains(doc.packBlobId());
            assertThat(f.path()).contains("notes.txt");
            assertThat(f.reason()).contains(doc.contentId().toString()).contains(doc.packBlobId().value());
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Noted n && n.level() == ProgressEvent.Level.ERROR
                && n.message().contains("notes.txt"));
    }

    @Test
    void aTruncatedPackIsTruncatedPack() {
        KopiaFixtureWriter w = healthy();
        IndexEntry doc = entryOf(open(w), "notes.txt");
        byte[] pack = w.store().read(doc.packBlobId());
        w.store().put(doc.packBlobId(), Arrays.copyOf(pack, 1000));

        VerifyReport report = verify(w, T0, VerifyPolicy.defaults());
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f).isInstanceOf(Finding.TruncatedPack.class);
            assertThat(f.blob()).contains(doc.packBlobId());
            assertThat(f.reason()).contains(doc.packBlobId().value()).contains("1000 bytes");
        });
        assertThat(report.findings()).anyMatch(f -> f.path().equals(java.util.Optional.of("notes.txt")));
    }

    @Test
    void aMissingPackIsMissingPack() {
        KopiaFixtureWriter w = healthy();
        IndexEntry doc = entryOf(open(w), "notes.txt");
        w.store().delete(doc.packBlobId());

        VerifyReport report = verify(w, T0, VerifyPolicy.defaults().deep());
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f).isInstanceOf(Finding.MissingPack.class);
            assertThat(f.blob()).contains(doc.packBlobId());
            assertThat(f.reason()).contains(doc.packBlobId().value()).contains("missing");
        });
    }

    @Test
    void aContentAbsentFromTheIndexIsMissingContent() {
        KopiaFixtureWriter w = writer();
        w.snapshot(PAPERLESS, T0).file("doc", text("first")).commit();
        Map<BlobId, byte[]> afterFirst = w.store().snapshot();
        // the second snapshot re-uses the content of "doc": its own index blob does not list it again
        w.snapshot(PAPERLESS, T0.plusSeconds(60)).file("doc", text("first")).file("other", text("x")).commit();
        BlobId firstIndexBlob = afterFirst.keySet().stream().filter(id -> id.value().startsWith("xn"))
                .findFirst().orElseThrow();
        w.store().delete(firstIndexBlob);

        KopiaRepository repo = open(w);
        assertThat(repo.catalog().snapshots(SOURCE)).hasSize(1);
        VerifyReport report = new Verifier(repo, Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(1),
                events::add).verify(VerifyPolicy.defaults().withParallelism(2));
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.MissingContent.class, f -> {
            assertThat(f.path()).contains("doc");
            assertThat(f.reason()).contains(f.content().toString()).contains("not in the repository index");
        });
    }

    @Test
    void anEmptyNewestSnapshotAfterAFullOneIsAnError() {
        KopiaFixtureWriter w = healthy();
        String empty = w.snapshot(PAPERLESS, T0.plusSeconds(3600)).dir("lost+found").commit();
        VerifyReport report = verify(w, T0.plusSeconds(3700), VerifyPolicy.defaults());
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.EmptySnapshot.class, f -> {
            assertThat(f.snapshotId().orElseThrow().toString()).isEqualTo(empty);
            assertThat(f.predecessorFiles()).isEqualTo(3);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aNewestSnapshotFarSmallerThanItsPredecessorIsShrunk() {
        KopiaFixtureWriter w = writer();
        var first = w.snapshot(PAPERLESS, T0);
        for (int i = 0; i < 20; i++) {
            first.file("docs/" + i + ".txt", text("document " + i));
        }
        first.commit();
        w.snapshot(PAPERLESS, T0.plusSeconds(3600)).file("docs/0.txt", text("document 0")).commit();

        VerifyReport report = verify(w, T0.plusSeconds(3700), VerifyPolicy.defaults());
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.ShrunkSnapshot.class, f -> {
            assertThat(f.files()).isEqualTo(1);
            assertThat(f.predecessorFiles()).isEqualTo(20);
        });
        assertThat(verify(w, T0.plusSeconds(3700), VerifyPolicy.defaults().withShrinkThreshold(0)).findings())
                .isEmpty();
    }

    @Test
    void aMovedClockMakesTheBackupStale() {
        KopiaFixtureWriter w = healthy();
        Clock later = Clock.offset(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(30));
        VerifyReport report = new Verifier(open(w), later, new SplittableRandom(1), events::add)
                .verify(VerifyPolicy.defaults().withMaxAge(Duration.ofHours(25)));
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.StaleBackup.class, f -> {
            assertThat(f.age()).contains(Duration.ofHours(30));
            assertThat(f.reason()).contains("1d6h").contains("1d1h");
        });
        assertThat(report.sources().getFirst().newestCompleteAge()).contains(Duration.ofHours(30));
    }

    @Test
    void incompleteSnapshotsAreFlaggedAndOnlyCompleteOnesCountForFreshness() {
        KopiaFixtureWriter w = healthy();
        String checkpoint = w.snapshot(PAPERLESS, T0.plusSeconds(7200)).file("media/doc1.pdf", text("one"))
                .file("notes.txt", text("partial")).incomplete("checkpoint").commit();
        VerifyReport report = verify(w, T0.plusSeconds(7300), VerifyPolicy.defaults()
                .withMaxAge(Duration.ofHours(1)).withShrinkThreshold(0));
        assertThat(report.findings()).anySatisfy(f -> assertThat(f).isInstanceOfSatisfying(
                Finding.IncompleteSnapshot.class, i -> {
                    assertThat(i.snapshotId().orElseThrow().toString()).isEqualTo(checkpoint);
                    assertThat(i.severity()).isEqualTo(Severity.WARNING);
                    assertThat(i.reason()).contains("checkpoint");
                }));
        assertThat(report.findings()).anyMatch(f -> f instanceof Finding.StaleBackup);
        assertThat(report.sources().getFirst().snapshotsVerified()).isEqualTo(2);
    }

    @Test
    void aMissingDailyBackupIsARetentionGap() {
        KopiaFixtureWriter w = writer();
        for (int day = 0; day < 7; day++) {
            if (day == 3) {
                continue;
            }
            w.snapshot(PAPERLESS, T0.plus(Duration.ofDays(day))).file("doc", text("day " + day)).commit();
        }
        VerifyPolicy policy = VerifyPolicy.defaults().withMaxAge(Duration.ofDays(1))
                .withRetain(new VerifyPolicy.RetainPolicy(24, 7, 4, 0, 0));
        VerifyReport report = verify(w, T0.plus(Duration.ofDays(6)).plusSeconds(600), policy);
        assertThat(report.findings()).singleElement().isInstanceOfSatisfying(Finding.RetentionGap.class, f -> {
            assertThat(f.granularity()).isEqualTo("daily");
            assertThat(f.missing()).isEqualTo(1);
            assertThat(f.examined()).isEqualTo(7);
            assertThat(f.newestMissing()).isEqualTo("2026-11-04");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void aSourceWithoutSnapshotsIsAFindingNotAnError() {
        VerifyReport report = new Verifier(open(healthy()), Clock.fixed(T0, ZoneOffset.UTC), new SplittableRandom(1),
                events::add).verify(List.of(SourceInfo.parse("wrong@default:/data")), VerifyPolicy.defaults());
        assertThat(report.findings()).singleElement().isInstanceOf(Finding.NoSnapshots.class);
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void compressedFilesAreDecompressedWhenVerified() {
        KopiaFixtureWriter w = writer().fileCompression(CompressorName.ZSTD_FASTEST);
        w.snapshot(PAPERLESS, T0).file("a.txt", text("paperless ".repeat(20_000))).commit();
        VerifyReport report = verify(w, T0, VerifyPolicy.defaults().deep());
        assertThat(report.findings()).isEmpty();
        assertThat(report.sources().getFirst().contentsDecrypted()).isEqualTo(2);
    }

    @Test
    void anUnavailableStoreAbortsVerificationInsteadOfReportingDamage() {
        KopiaFixtureWriter w = healthy();
        KopiaRepository flaky = KopiaRepository.open(new dev.rewind.storage.FailingBlobStore(w.store(), "p", 1),
                w.password().toCharArray(), CachingFormatKeyDeriver.shared());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Verifier(flaky, Clock.fixed(T0, ZoneOffset.UTC),
                        new SplittableRandom(1), events::add).verify(VerifyPolicy.defaults().deep().withParallelism(2)))
                .isInstanceOfSatisfying(dev.rewind.error.RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(dev.rewind.error.Reason.UNAVAILABLE))
                .hasMessageContaining("injected failure");
    }

    @Test
    void findingsBeyondTheMaximumAreCountedNotKept() {
        KopiaFixtureWriter w = writer();
        var b = w.snapshot(PAPERLESS, T0);
        for (int i = 0; i < 5; i++) {
            b.file("f" + i, text("file " + i));
        }
        b.commit();
        BlobId pack = w.store().list("p").findFirst().orElseThrow().id();
        w.store().delete(pack);
        VerifyReport report = verify(w, T0, VerifyPolicy.defaults().withMaxFindingsPerSource(2));
        assertThat(report.findings()).hasSize(2).allMatch(f -> f instanceof Finding.MissingPack);
        assertThat(report.sources().getFirst().suppressedFindings()).isEqualTo(3);
    }

    private KopiaFixtureWriter wide() {
        KopiaFixtureWriter w = writer();
        var b = w.snapshot(PAPERLESS, T0);
        for (int d = 0; d < 30; d++) {
            for (int f = 0; f < 10; f++) {
                b.file("d" + d + "/sub/f" + f, text("dir " + d + " file " + f));
            }
        }
        b.commit();
        return w;
    }

    @Test
    void aWideTreeIsCheckedCompletelyInParallel() {
        VerifyReport report = verify(wide(), T0, VerifyPolicy.defaults().deep());
        var source = report.sources().getFirst();
        assertThat(report.findings()).isEmpty();
        // 300 files + root + 30 d<n> + 30 d<n>/sub directories
        assertThat(source.contentsChecked()).isEqualTo(361);
        assertThat(source.contentsDecrypted()).isEqualTo(361);
    }

    @Test
    void partialSamplingDecryptsAboutThatShareOfFilesAndIsReproducibleForASeed() {
        KopiaFixtureWriter w = wide();
        VerifyReport first = verify(w, T0, VerifyPolicy.defaults().withVerifyPercent(30));
        VerifyReport second = verify(w, T0, VerifyPolicy.defaults().withVerifyPercent(30));
        long decryptedFiles = first.sources().getFirst().contentsDecrypted() - 61;
        assertThat(decryptedFiles).isBetween(50L, 130L);
        assertThat(second.sources().getFirst().contentsDecrypted())
                .isEqualTo(first.sources().getFirst().contentsDecrypted());
    }
}
