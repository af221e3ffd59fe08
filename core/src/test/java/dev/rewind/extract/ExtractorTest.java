package dev.rewind.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.progress.ProgressListener;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.FailingBlobStore;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorTest {
    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final String PAPERLESS = "paperless-ngx@default:/data";
    private static final Instant MTIME = Instant.parse("2026-10-30T12:34:56Z");

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final List<ProgressEvent> events = new ArrayList<>();

    @TempDir
    Path temp;

    private KopiaFixtureWriter writer() {
        return KopiaFixtureWriter.create(new InMemoryBlobStore(clock),
                FormatBlobWriter.withDefaults(new SplittableRandom(42)), new SplittableRandom(7), clock);
    }

    private static KopiaRepository open(KopiaFixtureWriter w, BlobStore store) {
        return KopiaRepository.open(store, w.password().toCharArray(), CachingFormatKeyDeriver.shared());
    }

    private static SnapshotManifest newest(KopiaRepository repo) {
        return repo.catalog().snapshots(SourceInfo.parse(PAPERLESS)).getFirst();
    }

    private Extractor extractor(KopiaRepository repo) {
        return new Extractor(repo, clock, events::add);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private record Expected(byte[] data, int mode, Instant mtime) {
    }

    private final TreeMap<String, Expected> expected = new TreeMap<>();

    private KopiaFixtureWriter.SnapshotBuilder file(KopiaFixtureWriter.SnapshotBuilder b, String path, byte[] data,
                                                    int mode, Instant mtime) {
        expected.put(path, new Expected(data, mode, mtime));
        // kopia stores Go FileMode bits: setuid is 1<<23, setgid 1<<22, sticky 1<<20 (kopia-format.md §7.4)
        int goMode = (mode & 0777) | ((mode & 04000) != 0 ? 1 << 23 : 0) | ((mode & 02000) != 0 ? 1 << 22 : 0)
                | ((mode & 01000) != 0 ? 1 << 20 : 0);
        return b.file(path, data, goMode, mtime);
    }

    private KopiaFixtureWriter fixture() {
        KopiaFixtureWriter w = writer().chunkBytes(64 * 1024);
        var b = w.snapshot(PAPERLESS, T0);
        file(b, "media/doc1.pdf", text("one"), 0644, MTIME);
        file(b, "media/big.bin", random(300_000, 3), 0600, MTIME.plusSeconds(1));
        file(b, "media/2025/a.jpg", random(10_000, 4), 0640, MTIME.plusSeconds(2));
        file(b, "bin/tool", text("#!/bin/sh\necho hi\n"), 0755, MTIME.plusSeconds(3));
        file(b, "bin/suid", text("suid"), 04755, MTIME.plusSeconds(4));
        file(b, "bin/sgid", text("sgid"), 02750, MTIME.plusSeconds(4));
        file(b, "empty", new byte[0], 0644, MTIME.plusSeconds(5));
        file(b, "readonly.txt", text("ro"), 0444, MTIME.plusSeconds(6));
        for (int i = 0; i < 12; i++) {
            file(b, "many/f" + i, text("file " + i), 0644, MTIME.plusSeconds(10 + i));
        }
        b.symlink("current", "media/doc1.pdf").symlink("media/abs", "/etc/hostname").dir("emptydir");
        b.commit();
        return w;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertTreeMatches(Path root) throws IOException {
        for (var e : expected.entrySet()) {
            Path file = root.resolve(e.getKey());
            assertThat(file).as(e.getKey()).isRegularFile();
            assertThat(sha256(Files.readAllBytes(file))).as(e.getKey()).isEqualTo(sha256(e.getValue().data()));
            int mode = (int) Files.getAttribute(file, "unix:mode") & 07777;
            assertThat(Integer.toOctalString(mode)).as(e.getKey()).isEqualTo(Integer.toOctalString(e.getValue().mode()));
            assertThat(Files.getLastModifiedTime(file).toInstant()).as(e.getKey()).isEqualTo(e.getValue().mtime());
        }
        assertThat(Files.readSymbolicLink(root.resolve("current")).toString()).isEqualTo("media/doc1.pdf");
        assertThat(Files.readSymbolicLink(root.resolve("media/abs")).toString()).isEqualTo("/etc/hostname");
        assertThat(Files.getLastModifiedTime(root.resolve("current"), LinkOption.NOFOLLOW_LINKS).toInstant())
                .isEqualTo(T0.minusSeconds(60));
        assertThat(root.resolve("emptydir")).isEmptyDirectory();
        assertThat(Files.getLastModifiedTime(root.resolve("many")).toInstant()).isEqualTo(MTIME.plusSeconds(21));
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".rewind-partial") || n.equals(Extractor.MARKER));
        }
    }

    @Test
    void extractsTheSnapshotExactly() throws IOException {
        KopiaFixtureWriter w = fixture();
        KopiaRepository repo = open(w, w.store());
        Path target = temp.resolve("out");

        ExtractReport report = extractor(repo).extract(ExtractRequest.of(newest(repo), target).withParallelism(2));

        assertTreeMatches(target);
        assertThat(report.files()).isEqualTo(expected.size());
        assertThat(report.symlinks()).isEqualTo(2);
        assertThat(report.directories()).isEqualTo(6); // root, bin, emptydir, many, media, media/2025
        assertThat(report.bytesWritten()).isEqualTo(expected.values().stream().mapToLong(e -> e.data().length).sum());
        assertThat(report.skippedFiles()).isZero();
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Finished);
    }

    @Test
    void extractsASubPath() throws IOException {
        KopiaFixtureWriter w = fixture();
        KopiaRepository repo = open(w, w.store());
        Path target = temp.resolve("media");

        ExtractReport report = extractor(repo).extract(ExtractRequest.of(newest(repo), target).withPath("/media/"));

        try (Stream<Path> children = Files.list(target)) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("doc1.pdf", "big.bin", "2025", "abs");
        }
        assertThat(Files.readAllBytes(target.resolve("2025/a.jpg"))).isEqualTo(expected.get("media/2025/a.jpg").data());
        assertThat(report.files()).isEqualTo(3);
        assertThat(report.path()).isEqualTo("media");

        Path single = temp.resolve("single");
        extractor(repo).extract(ExtractRequest.of(newest(repo), single).withPath("bin/tool"));
        assertThat(Files.readString(single.resolve("tool"))).startsWith("#!/bin/sh");
    }

    @Test
    void anInterruptedExtractResumesAndSkipsCompletedFiles() throws IOException {
        KopiaFixtureWriter w = fixture();
        Path target = temp.resolve("out");
        // every file is one direct content except big.bin (5 chunks); fail on the 4th pack read
        KopiaRepository flaky = open(w, new FailingBlobStore(w.store(), "p", 4));
        assertThatThrownBy(() -> extractor(flaky).extract(ExtractRequest.of(newest(flaky), target)
                .withParallelism(1)))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("injected failure");
        assertThat(target.resolve(Extractor.MARKER)).exists();
        long completeBefore;
        try (Stream<Path> all = Files.walk(target)) {
            completeBefore = all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".rewind-partial"))
                    .filter(p -> !p.getFileName().toString().equals(Extractor.MARKER)).count();
        }
        assertThat(completeBefore).isEqualTo(3);

        KopiaRepository repo = open(w, w.store());
        ExtractReport report = extractor(repo).extract(ExtractRequest.of(newest(repo), target).withParallelism(1));

        assertThat(report.skippedFiles()).isEqualTo(3);
        assertThat(report.files()).isEqualTo(expected.size() - 3);
        assertTreeMatches(target);
    }

    @Test
    void refusesANonEmptyTargetWithoutForce() throws IOException {
        KopiaFixtureWriter w = fixture();
        KopiaRepository repo = open(w, w.store());
        Path target = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(target.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> extractor(repo).extract(ExtractRequest.of(newest(repo), target)))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT))
                .hasMessageContaining(target.toString())
                .hasMessageContaining("not empty");
        try (Stream<Path> children = Files.list(target)) {
            assertThat(children).hasSize(1);
        }

        ExtractReport forced = extractor(repo).extract(ExtractRequest.of(newest(repo), target).withForce(true));
        assertTreeMatches(target);
        assertThat(forced.files()).isEqualTo(expected.size());
        assertThat(Files.readString(target.resolve("precious.txt"))).isEqualTo("keep me");

        ExtractReport again = extractor(repo).extract(ExtractRequest.of(newest(repo), target).withForce(true));
        assertThat(again.skippedFiles()).isEqualTo(expected.size());
        assertThat(again.bytesWritten()).isZero();
    }

    @Test
    void refusesNamesThatWouldEscapeTheTarget() {
        KopiaFixtureWriter w = writer();
        w.snapshot(PAPERLESS, T0).file("ok.txt", text("fine")).file("sub/../evil", text("pwned")).commit();
        KopiaRepository repo = open(w, w.store());
        Path target = temp.resolve("jail/out");

        assertThatThrownBy(() -> extractor(repo).extract(ExtractRequest.of(newest(repo), target)))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("'..'");
        assertThat(temp.resolve("jail/out/evil")).doesNotExist();
        assertThat(temp.resolve("jail/evil")).doesNotExist();

        KopiaFixtureWriter dotdot = writer();
        dotdot.snapshot(PAPERLESS, T0).file("..", text("pwned")).commit();
        KopiaRepository repo2 = open(dotdot, dotdot.store());
        assertThatThrownBy(() -> extractor(repo2).extract(ExtractRequest.of(newest(repo2), temp.resolve("x/out"))))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("'..'");
    }

    @Test
    void aPathNotInTheSnapshotIsNotFound() {
        KopiaFixtureWriter w = fixture();
        KopiaRepository repo = open(w, w.store());
        assertThatThrownBy(() -> new Extractor(repo, clock, ProgressListener.ignoring())
                .extract(ExtractRequest.of(newest(repo), temp.resolve("o")).withPath("nope/x")))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("nope/x");
    }

    @Test
    void ownersAreAppliedOnlyWhenAskedAndRunningAsRoot() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(RootCheck.isRoot(), "needs root to give files away");
        KopiaFixtureWriter w = fixture();
        KopiaRepository repo = open(w, w.store());
        Path plain = temp.resolve("plain");
        Path owned = temp.resolve("owned");

        extractor(repo).extract(ExtractRequest.of(newest(repo), plain));
        ExtractReport report = extractor(repo).extract(ExtractRequest.of(newest(repo), owned).withRestoreOwner(true));

        assertThat(Files.getAttribute(plain.resolve("bin/tool"), "unix:uid")).isEqualTo(0);
        // the fixture records uid/gid 1000 for files and directories
        assertThat(Files.getAttribute(owned.resolve("bin/tool"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(owned.resolve("bin/tool"), "unix:gid")).isEqualTo(1000);
        assertThat(Files.getAttribute(owned.resolve("bin"), "unix:uid")).isEqualTo(1000);
        // chown must not have cleared the setuid bit: the mode is applied after the owner
        assertThat((int) Files.getAttribute(owned.resolve("bin/suid"), "unix:mode") & 07777).isEqualTo(04755);
        assertThat(report.attributesNotApplied()).isZero();
    }
}
