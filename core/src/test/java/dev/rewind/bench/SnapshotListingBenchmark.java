package dev.rewind.bench;

import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.KopiaRepository;
import dev.rewind.kopia.format.CachingFormatKeyDeriver;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.kopia.snapshot.SourceInfo;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.MeteredBlobStore;
import dev.rewind.storage.StorageMetrics;
import dev.rewind.storage.StorageOperation;
import dev.rewind.storage.s3.S3BlobStore;
import dev.rewind.storage.s3.S3ProxyServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Benchmark (not a test): list the snapshots of one source in a repository holding 2,000 snapshots of that source
 * (plus other sources) over about 200 index blobs, read through S3 (s3proxy in this JVM) via a metered store.
 * Reports wall time after key derivation, S3 requests by operation and heap.
 *
 * <p>Run: {@code scripts/benchmark listing}. Goal (issue 3): requests ≤ index blobs + manifest packs + a handful;
 * ≤ 2 s on a 2-core machine.
 */
public final class SnapshotListingBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TARGET = "paperless-ngx@default:/data";

    public static void main(String[] args) throws Exception {
        int snapshots = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int flushes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        InMemoryBlobStore memory = new InMemoryBlobStore(clock);
        FormatBlobWriter format = FormatBlobWriter.withDefaults(new SplittableRandom(1));
        KopiaFixtureWriter w = KopiaFixtureWriter.create(memory, format, new SplittableRandom(2), clock)
                .autoFlush(false);
        int perFlush = snapshots / flushes;
        for (int f = 0; f < flushes; f++) {
            for (int i = 0; i < perFlush; i++) {
                int n = f * perFlush + i;
                w.snapshot(TARGET, T0.plusSeconds(3600L * n))
                        .file("data/file-" + n, ("payload " + n).getBytes(StandardCharsets.UTF_8)).commit();
            }
            w.snapshot("grafana@observability:/data", T0.plusSeconds(3600L * f))
                    .file("grafana.db", ("g" + f).getBytes(StandardCharsets.UTF_8)).commit();
            w.flush();
            if (w.manifestContentCount() > 16) {
                w.compactManifests(); // kopia compacts manifests when more than 16 contents exist
            }
        }
        long indexBlobs = memory.list("x").filter(m -> m.id().value().startsWith("xn")).count();
        Map<String, byte[]> blobs = new TreeMap<>();
        memory.snapshot().forEach((id, bytes) -> blobs.put(id.value(), bytes));

        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("volsync");
            s3.putAll("volsync", "bench/", blobs);
            char[] password = format.password().toCharArray();
            CachingFormatKeyDeriver deriver = CachingFormatKeyDeriver.shared();
            // derive the format key once, outside the measurement (scrypt is deliberately slow)
            long kdfStart = System.nanoTime();
            KopiaRepository.open(memory, password, deriver).format();
            long kdfMillis = (System.nanoTime() - kdfStart) / 1_000_000;

            for (int run = 1; run <= 3; run++) {
                System.gc();
                long heapBefore = usedHeap();
                MeteredBlobStore metered = new MeteredBlobStore(
                        new S3BlobStore(s3.settings("volsync", "bench/")));
                long start = System.nanoTime();
                KopiaRepository repo = KopiaRepository.open(metered, password, deriver);
                List<SnapshotManifest> list = repo.catalog().snapshots(SourceInfo.parse(TARGET));
                long millis = (System.nanoTime() - start) / 1_000_000;
                long heapAfter = usedHeap();
                StorageMetrics m = metered.metrics();
                long manifestPacks = repo.index().entries('m').map(e -> e.packBlobId()).distinct().count();
                System.out.printf(
                        "run %d: %d snapshots of %s listed in %d ms (open+index+manifests, after key derivation)%n",
                        run, list.size(), TARGET, millis);
                System.out.printf("  S3 requests: %d (LIST %d, GET %d, HEAD %d); index blobs %d, manifest packs %d,"
                                + " budget %d%n", m.totalRequests(), m.of(StorageOperation.LIST).requests(),
                        m.of(StorageOperation.READ).requests(), m.of(StorageOperation.FIND).requests(), indexBlobs,
                        manifestPacks, indexBlobs + manifestPacks + 5);
                System.out.printf("  heap used: %d MiB before, %d MiB after; key derivation (once): %d ms%n",
                        heapBefore >> 20, heapAfter >> 20, kdfMillis);
                metered.close();
            }
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private SnapshotListingBenchmark() {
    }

}
