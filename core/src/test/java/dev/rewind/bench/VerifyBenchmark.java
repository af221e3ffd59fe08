package dev.rewind.bench;

import com.github.luben.zstd.Zstd;
import dev.rewind.extract.ExtractReport;
import dev.rewind.extract.ExtractRequest;
import dev.rewind.extract.Extractor;
import dev.rewind.kopia.FilesystemExport;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.compression.CompressorName;
import dev.rewind.kopia.compression.Decompressors;
import dev.rewind.kopia.content.ContentBuffers;
import dev.rewind.kopia.crypto.Hkdf;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.index.IndexEntry;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.progress.ProgressListener;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.fs.FilesystemBlobStore;
import dev.rewind.verify.Verifier;
import dev.rewind.verify.VerifyPolicy;
import dev.rewind.verify.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark command (not a test): generates a Kopia repository of at least 1 GiB with the fixture writer — once with
 * uncompressed file contents, once with zstd — exports it in kopia's filesystem layout and reads it through the
 * product's {@link FilesystemBlobStore} (as for an NFS repository), then measures, in the same run and at the same
 * parallelism:
 * <ol>
 *   <li><b>raw</b>: AES-256-GCM decryption with the JDK {@link Cipher} of every stored content (ranged read from the
 *       store, per-content key {@code HMAC-SHA256(K, iv)}, GCM open) — the baseline of the goal;</li>
 *   <li><b>decode</b>: raw plus zstd-jni's one-shot decompression of the compressed contents — the least work any
 *       verifier does, since a content is only proven readable once it is decompressed to its recorded length;</li>
 *   <li><b>content reader</b>: the product's {@code PackContentSource.read} over the same contents;</li>
 *   <li><b>verify</b>: {@link Verifier} deep (100 %) over all snapshots (same contents, each decrypted once, plus
 *       directory walking, decompression and bookkeeping);</li>
 *   <li><b>extract</b>: {@link Extractor} of every snapshot to a temporary directory;</li>
 *   <li><b>write</b>: the same files, same sizes, written from one direct buffer with a {@link FileChannel} into the
 *       same file system — the file system's share of an extract.</li>
 * </ol>
 * The goal's ratio is raw time / workflow time over the same set of contents (goal ≥ 0.7). The "floor" ratio is
 * decode time / verify time and (decode + write) / extract time: how close the workflow comes to the unavoidable
 * work. With zstd, raw / decode is the ceiling of the goal's ratio for any implementation, and it is printed too.
 * Each workflow first runs untimed warm-up rounds (the JIT compiles the GCM, zstd and write paths), then the best of
 * the timed rounds counts. Wall and process CPU seconds are both printed per round: on a shared machine the CPU
 * figure shows whether a slow round was starved. Run with
 * {@code scripts/benchmark verify [size-MiB] [parallelism] [rounds] [warm-up rounds]}; needs a heap of about 3×
 * the repository size only while generating it. {@code BENCH_REPOSITORY} chooses where the repository is exported
 * (default: the JDK's temporary directory; {@code memory} keeps it in an {@link InMemoryBlobStore} on the heap, where
 * its gigabyte of live blobs makes G1 slow down the workflows' multi-MiB allocations) and {@code BENCH_EXTRACT_DIR}
 * the file system extraction writes to (default: the JDK's temporary directory); {@code /dev/shm} for both takes the
 * disk out of the figures.
 */
public final class VerifyBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final String SOURCE = "bench@default:/data";
    private static final int SNAPSHOT_BYTES = 64 << 20;
    private static final byte[] MASTER_KEY = new byte[32];
    private static int rounds;
    private static int warmups;

    /** Wall seconds, and the process's CPU seconds over the same interval (all threads, other work included). */
    private record Measure(String name, long bytes, double seconds, double cpuSeconds) {
        double mibPerSecond() {
            return bytes / seconds / (1 << 20);
        }

        String describe() {
            return String.format("%s %.2f s (cpu %.2f s)", name, seconds, cpuSeconds);
        }
    }

    /**
     * The best round of each step, and the medians of the per-round goal ratios (raw ÷ workflow of the same round):
     * on a noisy machine the median of ratios measured minutes apart is steadier than a ratio of two best rounds.
     */
    private record Row(String variant, long repositoryBytes, long usedHeapBytes, Measure raw, Measure verify,
                       Measure extract, long extractedBytes, Measure decode, Measure write,
                       double verifyRatioMedian, double extractRatioMedian) {
        /** The least time any verifier needs: decrypt and decompress every content, nothing else. */
        double verifyOfFloor() {
            return decode.seconds() / verify.seconds();
        }

        /** The least time any extractor needs: the decode floor plus the file system writing the same files. */
        double extractOfFloor() {
            return (decode.seconds() + write.seconds()) / extract.seconds();
        }
    }

    private VerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long targetBytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024L) << 20;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        warmups = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        new SplittableRandom(99).nextBytes(MASTER_KEY);
        System.err.printf("rewind verify/extract benchmark: %d MiB per variant, parallelism %d, %d processors, "
                        + "%d warm-up and %d timed rounds, max heap %d MiB, %s %s%n", targetBytes >> 20, parallelism,
                Runtime.getRuntime().availableProcessors(), warmups, rounds, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        List<Row> rows = new ArrayList<>();
        for (Optional<CompressorName> compression : List.of(Optional.<CompressorName>empty(),
                Optional.of(CompressorName.ZSTD_FASTEST))) {
            rows.add(run(compression, targetBytes, parallelism));
            System.gc();
        }
        System.out.println();
        System.out.printf("%-6s %8s %8s | %9s %8s %8s %7s | %12s %6s %6s %6s | %10s %10s %6s %6s %6s%n", "data",
                "repo MiB", "heap MiB", "raw MiB/s", "decode s", "write s", "ceiling", "verify MiB/s", "ratio", "median",
                "floor", "extr MiB/s", "extr out/s", "ratio", "median", "floor");
        for (Row r : rows) {
            System.out.printf("%-6s %8d %8d | %9.1f %8.2f %8.2f %7.2f | %12.1f %6.2f %6.2f %6.2f | %10.1f %10.1f"
                            + " %6.2f %6.2f %6.2f%n",
                    r.variant(), r.repositoryBytes() >> 20, r.usedHeapBytes() >> 20, r.raw().mibPerSecond(),
                    r.decode().seconds(), r.write().seconds(), r.raw().seconds() / r.decode().seconds(),
                    r.verify().mibPerSecond(), r.raw().seconds() / r.verify().seconds(), r.verifyRatioMedian(),
                    r.verifyOfFloor(), r.extract().mibPerSecond(),
                    r.extractedBytes() / r.extract().seconds() / (1 << 20), r.raw().seconds() / r.extract().seconds(),
                    r.extractRatioMedian(), r.extractOfFloor());
        }
        System.out.println("MiB/s of stored (encrypted) bytes; 'extr out/s' = plaintext bytes written per second;"
                + " ratio = raw time / workflow time over the same contents (the goal: >= 0.7);"
                + " ceiling = raw time / decode time, the best ratio any verifier can reach;"
                + " floor = time of the unavoidable work (decode = JDK AES-GCM + zstd-jni only; for extract plus"
                + " 'write' = the same files written from memory with a FileChannel) / workflow time;"
                + " best of the timed rounds each; median = median over the timed rounds of raw / workflow of the same"
                + " round.");
    }

    private static Row run(Optional<CompressorName> compression, long targetBytes, int parallelism)
            throws Exception {
        String variant = compression.map(c -> "zstd").orElse("none");
        long started = System.nanoTime();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        InMemoryBlobStore store = new InMemoryBlobStore(clock);
        KopiaFixtureWriter w = KopiaFixtureWriter.create(store,
                FormatBlobWriter.withDefaults(new SplittableRandom(42)).masterKey(MASTER_KEY)
                        .keyDeriver(CachingFormatKeyDeriver.shared()),
                new SplittableRandom(7), clock);
        compression.ifPresent(w::fileCompression);
        SplittableRandom random = new SplittableRandom(2026);
        byte[][] vocabulary = vocabulary(random, 4096);
        long plaintext = 0;
        int snapshot = 0;
        while (plaintext < targetBytes) {
            var b = w.snapshot(SOURCE, T0.plus(Duration.ofHours(snapshot)));
            long inSnapshot = 0;
            int file = 0;
            while (inSnapshot < SNAPSHOT_BYTES) {
                int size = 256 * 1024 + random.nextInt(6 * 1024 * 1024);
                b.file("d" + (file % 8) + "/f" + snapshot + "-" + file + ".txt", text(random, size, vocabulary));
                inSnapshot += size;
                file++;
            }
            b.commit();
            plaintext += inSnapshot;
            snapshot++;
        }
        long repositoryBytes = store.list("").mapToLong(m -> m.lengthBytes()).sum();
        String password = w.password();
        String repositoryBase = System.getenv("BENCH_REPOSITORY");
        boolean inMemory = "memory".equals(repositoryBase);
        Path repositoryDir = null;
        BlobStore readFrom = store;
        if (!inMemory) {
            repositoryDir = repositoryBase == null || repositoryBase.isBlank()
                    ? Files.createTempDirectory("rewind-bench-repo-")
                    : Files.createTempDirectory(Path.of(repositoryBase), "rewind-bench-repo-");
            FilesystemExport.write(store, repositoryDir);
            readFrom = FilesystemBlobStore.kopia(repositoryDir);
        }
        store = null; // the writer and, unless in memory, the blobs become garbage
        w = null;
        System.gc();
        long usedHeap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.err.printf("[%s] generated %d snapshots, %d MiB plaintext, %d MiB stored %s in %.1f s; heap used %d MiB"
                        + "%n", variant, snapshot, plaintext >> 20, repositoryBytes >> 20,
                inMemory ? "in memory" : "in " + repositoryDir, (System.nanoTime() - started) / 1e9, usedHeap >> 20);
        try {
            return measure(variant, readFrom, password, repositoryBytes, usedHeap, parallelism);
        } finally {
            if (repositoryDir != null) {
                delete(repositoryDir);
            }
        }
    }

    private static Row measure(String variant, BlobStore store, String password, long repositoryBytes,
                               long usedHeap, int parallelism) throws Exception {
        KopiaRepository repo = KopiaRepository.open(store, password.toCharArray(), CachingFormatKeyDeriver.shared());
        List<IndexEntry> entries = repo.index().entries().filter(e -> e.contentId().prefix() != 'm').toList();
        byte[] contentKey = Hkdf.sha256(MASTER_KEY, "encryption".getBytes(StandardCharsets.US_ASCII), new byte[0],
                32);
        Measure raw = null;
        Measure decode = null;
        Measure write = null;
        Measure reader = null;
        Measure verify = null;
        Measure extract = null;
        List<Double> verifyRatios = new ArrayList<>();
        List<Double> extractRatios = new ArrayList<>();
        long extracted = 0;
        long storedBytes = entries.stream().mapToLong(IndexEntry::packedLengthBytes).sum();
        String extractBase = System.getenv("BENCH_EXTRACT_DIR");
        Path scratch = extractBase == null || extractBase.isBlank() ? Files.createTempDirectory("rewind-bench-")
                : Files.createTempDirectory(Path.of(extractBase), "rewind-bench-");
        try {
            for (int round = -warmups; round < rounds; round++) {
                Measure lastRaw = rawDecrypt(repo, entries, contentKey, parallelism);
                Measure lastDecode = decodeFloor(repo, entries, contentKey, parallelism);
                Measure lastReader = readerDecrypt(repo, entries, parallelism);
                Measure lastVerify = verify(repo, parallelism);
                boolean timed = round >= 0;
                if (timed) {
                    raw = best(raw, lastRaw);
                    decode = best(decode, lastDecode);
                    reader = best(reader, lastReader);
                    verify = best(verify, lastVerify);
                    verifyRatios.add(lastRaw.seconds() / lastVerify.seconds());
                }
                Path out = scratch.resolve("round" + round);
                long t = System.nanoTime();
                long cpu = cpuNanos();
                long written = 0;
                Extractor extractor = new Extractor(repo, Clock.systemUTC(), ProgressListener.ignoring());
                for (SnapshotManifest s : repo.catalog().snapshots()) {
                    ExtractReport report = extractor.extract(ExtractRequest.of(s, out.resolve(s.id().toString()))
                            .withParallelism(parallelism));
                    written += report.bytesWritten();
                }
                Measure lastExtract = new Measure("extract", storedBytes, (System.nanoTime() - t) / 1e9,
                        (cpuNanos() - cpu) / 1e9);
                List<Long> sizes = fileSizes(out);
                delete(out);
                Path floor = scratch.resolve("floor" + round);
                Measure lastWrite = writeFloor(sizes, floor, parallelism);
                delete(floor);
                if (timed) {
                    extract = best(extract, lastExtract);
                    write = best(write, lastWrite);
                    extractRatios.add(lastRaw.seconds() / lastExtract.seconds());
                }
                System.err.printf("[%s] %s %d: %s%n", variant, timed ? "round" : "warm-up", Math.abs(round),
                        String.join(", ", List.of(lastRaw, lastDecode, lastReader, lastVerify, lastExtract,
                                lastWrite).stream().map(Measure::describe).toList()));
                extracted = written;
            }
        } finally {
            delete(scratch);
        }
        System.err.printf("[%s] best: %s%n", variant, String.join(", ", List.of(raw, decode, reader, verify, extract,
                write).stream().map(Measure::describe).toList()));
        return new Row(variant, repositoryBytes, usedHeap, raw, verify, extract, extracted, decode, write,
                median(verifyRatios), median(extractRatios));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The product's content reader ({@code PackContentSource.read} with one {@link ContentBuffers} per thread, as
     * verify and extract use it) over the same contents, same split.
     */
    private static Measure readerDecrypt(KopiaRepository repo, List<IndexEntry> entries, int parallelism)
            throws Exception {
        return inParallel("content reader", parallelism, first -> {
            ContentBuffers buffers = new ContentBuffers();
            long bytes = 0;
            for (int i = first; i < entries.size(); i += parallelism) {
                repo.contents().read(entries.get(i), buffers);
                bytes += entries.get(i).packedLengthBytes();
            }
            return bytes;
        });
    }

    /** One worker's share of a measure: it takes every {@code parallelism}-th item from {@code first} on. */
    @FunctionalInterface
    private interface Share {
        /** Processes the share and returns the bytes it counted. */
        long run(int first) throws Exception;
    }

    /**
     * Runs {@code parallelism} shares on as many threads and measures the whole: wall and process CPU time, and the
     * bytes the shares counted.
     */
    private static Measure inParallel(String name, int parallelism, Share share) throws Exception {
        long t = System.nanoTime();
        long cpu = cpuNanos();
        long bytes = 0;
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int worker = 0; worker < parallelism; worker++) {
                int first = worker;
                futures.add(pool.submit(() -> share.run(first)));
            }
            for (Future<Long> f : futures) {
                bytes += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Measure(name, bytes, (System.nanoTime() - t) / 1e9, (cpuNanos() - cpu) / 1e9);
    }

    private static Measure best(Measure current, Measure candidate) {
        return current == null || candidate.seconds() < current.seconds() ? candidate : current;
    }

    private static Measure verify(KopiaRepository repo, int parallelism) {
        long t = System.nanoTime();
        long cpu = cpuNanos();
        VerifyReport report = new Verifier(repo, Clock.systemUTC(), new SplittableRandom(1),
                ProgressListener.ignoring())
                .verify(VerifyPolicy.defaults().deep().withAllSnapshots(true).withParallelism(parallelism)
                        .withShrinkThreshold(0));
        double seconds = (System.nanoTime() - t) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        if (!report.findings().isEmpty()) {
            throw new IllegalStateException("benchmark repository has findings: " + report.findings());
        }
        long bytes = report.sources().stream().mapToLong(VerifyReport.SourceReport::bytesDecrypted).sum();
        return new Measure("verify", bytes, seconds, cpuSeconds);
    }

    /**
     * JDK AES-256-GCM over every stored content: ranged read, item key = HMAC-SHA256(K, iv), GCM open — into reused
     * arrays (see {@link #decodeAll}).
     */
    private static Measure rawDecrypt(KopiaRepository repo, List<IndexEntry> entries, byte[] contentKey,
                                      int parallelism) throws Exception {
        return decodeAll("raw", repo, entries, contentKey, parallelism, false);
    }

    /**
     * The decode floor: {@link #rawDecrypt} plus zstd-jni's one-shot decompression into an array of the recorded
     * length — what every verifier must do to the contents at least, with none of rewind's code in between.
     */
    private static Measure decodeFloor(KopiaRepository repo, List<IndexEntry> entries, byte[] contentKey,
                                       int parallelism) throws Exception {
        return decodeAll("decode", repo, entries, contentKey, parallelism, true);
    }

    /**
     * Every content read into, and decrypted into, arrays reused for the whole share — so the floors time the reads
     * and the crypto (and zstd), not the JVM zeroing and the kernel mapping a fresh multi-MiB array per content.
     */
    private static Measure decodeAll(String name, KopiaRepository repo, List<IndexEntry> entries, byte[] contentKey,
                                     int parallelism, boolean decompress) throws Exception {
        return inParallel(name, parallelism, first -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(contentKey, "HmacSHA256"));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] stored = new byte[0];
            byte[] plain = new byte[0];
            byte[] decompressed = new byte[0];
            long bytes = 0;
            for (int i = first; i < entries.size(); i += parallelism) {
                IndexEntry e = entries.get(i);
                int length = (int) e.packedLengthBytes();
                if (stored.length < length) {
                    stored = new byte[length];
                    plain = new byte[length];
                }
                repo.store().read(e.packBlobId(), ByteRange.of(e.packOffset(), length), stored);
                byte[] iv = e.contentId().iv();
                byte[] key = mac.doFinal(iv);
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(128, stored, 0, 12));
                cipher.updateAAD(iv);
                int plainLength = cipher.doFinal(stored, 12, length - 12, plain, 0);
                if (decompress && e.compressionHeaderId() != 0) {
                    if (decompressed.length < e.originalLengthBytes()) {
                        decompressed = new byte[(int) e.originalLengthBytes()];
                    }
                    unzstd(plain, plainLength, decompressed, (int) e.originalLengthBytes());
                }
                bytes += length;
            }
            return bytes;
        });
    }

    /** The benchmark writes zstd only: header ID (4 bytes), then one frame of the recorded length. */
    private static void unzstd(byte[] payload, int payloadLength, byte[] out, int originalLength) {
        long n = Zstd.decompressByteArray(out, 0, originalLength, payload, Decompressors.HEADER_BYTES,
                payloadLength - Decompressors.HEADER_BYTES);
        if (Zstd.isError(n) || n != originalLength) {
            throw new IllegalStateException("zstd floor: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes"));
        }
    }

    /** The sizes of the regular files under {@code root}, in walk order. */
    private static List<Long> fileSizes(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /**
     * The write floor: the same number of files of the same sizes, written from one direct buffer with a plain
     * {@link FileChannel} at the same parallelism into the same file system — the file system's share of an
     * extract, with no decoding, no temporary name and no attributes.
     */
    private static Measure writeFloor(List<Long> sizes, Path root, int parallelism) throws Exception {
        long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        ByteBuffer source = ByteBuffer.allocateDirect((int) largest);
        byte[] noise = new byte[(int) largest];
        new SplittableRandom(5).nextBytes(noise);
        source.put(noise).flip();
        return inParallel("write", parallelism, first -> {
            Path dir = Files.createDirectories(root.resolve("w" + first));
            long bytes = 0;
            for (int i = first; i < sizes.size(); i += parallelism) {
                ByteBuffer data = source.slice(0, sizes.get(i).intValue());
                try (FileChannel ch = FileChannel.open(dir.resolve("f" + i), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    while (data.hasRemaining()) {
                        ch.write(data);
                    }
                }
                bytes += sizes.get(i);
            }
            return bytes;
        });
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static byte[][] vocabulary(SplittableRandom random, int words) {
        byte[][] vocabulary = new byte[words][];
        for (int i = 0; i < words; i++) {
            byte[] word = new byte[2 + random.nextInt(9)];
            for (int j = 0; j < word.length; j++) {
                word[j] = (byte) ('a' + random.nextInt(26));
            }
            vocabulary[i] = word;
        }
        return vocabulary;
    }

    /** Text-like data: words drawn from a vocabulary (Zipf-ish), numbers and line breaks — zstd gets about 3:1. */
    private static byte[] text(SplittableRandom random, int size, byte[][] vocabulary) {
        byte[] out = new byte[size];
        int p = 0;
        while (p < size) {
            int r = random.nextInt(vocabulary.length);
            byte[] word = vocabulary[random.nextBoolean() ? r : r % 256];
            if (random.nextInt(16) == 0) {
                word = Integer.toString(random.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII);
            }
            int n = Math.min(word.length, size - p);
            System.arraycopy(word, 0, out, p, n);
            p += n;
            if (p < size) {
                out[p++] = (byte) (random.nextInt(14) == 0 ? '\n' : ' ');
            }
        }
        return out;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static {
        // fail fast if the JDK lacks AES-GCM (never expected)
        try {
            Cipher.getInstance("AES/GCM/NoPadding");
        } catch (java.security.GeneralSecurityException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
