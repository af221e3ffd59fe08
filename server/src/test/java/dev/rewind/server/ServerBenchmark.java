package dev.rewind.server;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.kopia.FilesystemExport;
import dev.rewind.kopia.KopiaFixtureWriter;
import dev.rewind.kopia.format.FormatBlobWriter;
import dev.rewind.storage.InMemoryBlobStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test) of the "200 apps on schedule — heap &lt;= 512 MiB; /metrics and /api/v1/status
 * latency under a bounded loopback load". Run with {@code scripts/benchmark server [apps] [seconds] [clients]
 * [requests]}, which starts it with {@code -Xmx512m}.
 *
 * <ol>
 *   <li>Writes {@code apps} small Kopia repositories (two sources, three snapshots each, kopia's filesystem layout)
 *       to a temporary directory: nothing of them stays on the heap.</li>
 *   <li>Starts the server on a loopback port with one target per repository: a quick verify every minute and a
 *       deep verify (10 %) every five minutes, spread over the seconds of the minute, as a real configuration
 *       staggers 200 apps.</li>
 *   <li>Lets the schedules run for {@code seconds}, then, while they keep running, drives {@code clients}
 *       concurrent loopback clients, {@code requests} requests each, against {@code /metrics} and then
 *       {@code /api/v1/status} (after 50 requests of a single client); prints p50/p95/p99/max latency and throughput
 *       of each, the in-process render time, the runs done and the heap (the maximum used, sampled every 50 ms,
 *       and the used heap after a full GC).</li>
 * </ol>
 * Composition root: uses the system clock.
 */
public final class ServerBenchmark {
    private ServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int apps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 250;
        Path dir = Files.createTempDirectory("rewind-server-bench");
        System.out.printf("max heap %d MiB, %d CPUs; writing %d repositories under %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), apps, dir);
        long writeStart = System.nanoTime();
        List<RepositoryTarget> targets = writeRepositories(dir, apps);
        System.out.printf("wrote them in %.1f s%n", (System.nanoTime() - writeStart) / 1e9);
        gc();

        java.util.concurrent.atomic.AtomicLong maxUsed = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (true) {
                maxUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ServerConfig config = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0), targets, List.of(), List.of());
        try (RewindServer server = new RewindServer(config, Duration.ZERO, Clock.systemUTC(), new SplittableRandom(1),
                Map.of()).start()) {
            System.out.printf("server on port %d with %d scheduled checks; letting the schedules run for %d s%n",
                    server.port(), server.verifications().targets().scheduled().size(), seconds);
            Thread.sleep(Duration.ofSeconds(seconds)); // a benchmark: wall time is what is measured
            report(server.verifications().runs());
            Verifications v = server.verifications();
            System.out.printf("in-process render, mean of 50: metrics %.2f ms, status %.2f ms%n",
                    meanMillis(() -> MetricsExposition.render(v)), meanMillis(() -> new ApiHandler(v).status()));
            try (HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build()) {
                for (String path : List.of("/metrics", "/api/v1/status")) {
                    load(client, server.port(), path, 1, 50);
                    load(client, server.port(), path, clients, requests);
                }
            }
            report(server.verifications().runs());
            sampler.interrupt();
            System.out.printf("heap: max used (sampled every 50 ms, garbage included) %d MiB of %d MiB; used after"
                    + " full GC %d MiB; young+old GCs %d, total GC time %.1f s%n", maxUsed.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, gc() >> 20, gcCount(), gcMillis() / 1e3);
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private static List<RepositoryTarget> writeRepositories(Path dir, int apps) throws IOException {
        List<RepositoryTarget> targets = new ArrayList<>();
        Instant first = Instant.parse("2026-11-28T02:00:00Z");
        for (int i = 0; i < apps; i++) {
            Clock clock = Clock.fixed(first, java.time.ZoneOffset.UTC);
            InMemoryBlobStore store = new InMemoryBlobStore(clock);
            KopiaFixtureWriter w = KopiaFixtureWriter.create(store, FormatBlobWriter.withDefaults(
                    new SplittableRandom(i)).password("bench-" + i), new SplittableRandom(i + 1_000), clock);
            String app = "app-" + i;
            for (int day = 0; day < 3; day++) {
                Instant at = first.plus(Duration.ofDays(day));
                w.snapshot(app + "@default:/data", at)
                        .file("data/db.sqlite", ExampleRepository.pageLikeBytes(48_000, i * 10L + day))
                        .file("config/app.yaml", ("name: " + app + "\nday: " + day + "\n")
                                .getBytes(StandardCharsets.UTF_8))
                        .commit();
                w.snapshot(app + "-cache@default:/data", at.plusSeconds(600))
                        .file("cache.bin", ExampleRepository.pageLikeBytes(16_000, i * 10L + day + 5))
                        .commit();
            }
            Path repo = dir.resolve(app);
            FilesystemExport.write(store, repo, Optional.of(first));
            Path password = Files.writeString(dir.resolve(app + ".password"), "bench-" + i + "\n");
            int second = i % 60;
            targets.add(new RepositoryTarget(new TargetName(app), repo.toString(), password,
                    Optional.of(new Schedule(second + " * * * * ?", 0)),
                    Optional.of(new Schedule(second + " " + (i / 60 % 5) + "/5 * * * ?", 10)),
                    Optional.of(Duration.ofDays(3650))));
        }
        return targets;
    }

    private static void load(HttpClient client, int port, String path, int clients, int requests) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long[][] latencies = new long[clients][requests];
        long bytes;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long[] mine = latencies[c];
                done.add(pool.submit(() -> {
                    long total = 0;
                    for (int r = 0; r < requests; r++) {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        mine[r] = System.nanoTime() - t;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(path + " answered " + response.statusCode());
                        }
                        total += response.body().length;
                    }
                    return total;
                }));
            }
            bytes = 0;
            for (Future<Long> f : done) {
                bytes += f.get();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-15s %d clients x %d requests: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " %.0f requests/s; %d KiB per response%n", path, clients, requests, ms(all, 0.50),
                ms(all, 0.95), ms(all, 0.99), all[all.length - 1] / 1e6, all.length / wall,
                bytes / all.length >> 10);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static void report(RunStore runs) {
        var history = runs.history();
        Map<Outcome, Long> byOutcome = new java.util.EnumMap<>(Outcome.class);
        history.forEach(r -> byOutcome.merge(r.outcome(), 1L, Long::sum));
        double meanMs = history.stream().mapToLong(r -> r.duration().toMillis()).average().orElse(0);
        System.out.printf("runs in history: %d %s, mean duration %.0f ms%n", history.size(), byOutcome, meanMs);
        history.stream().filter(r -> !r.outcome().healthy()).limit(3).forEach(r -> System.out.println("  " + r));
    }

    private static long gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double meanMillis(Runnable work) {
        work.run();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 50 / 1e6;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount()))
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
