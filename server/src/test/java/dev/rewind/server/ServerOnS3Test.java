package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.kopia.ExampleRepository;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.InMemoryBlobStore;
import dev.rewind.storage.s3.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on port 0 against the in-JVM S3 server (s3proxy) holding the example repository: a run fired through
 * Quartz updates the storage counters, the metrics and the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerOnS3Test {
    static final String BUCKET = "volsync";

    @TempDir
    Path tmp;

    private S3ProxyServer s3;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void seed() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        InMemoryBlobStore store = new InMemoryBlobStore();
        ExampleRepository.write(store);
        s3.putAll(BUCKET, "example/", store.snapshot().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().value(), Map.Entry::getValue)));
    }

    @AfterAll
    void stop() {
        s3.close();
        client.close();
    }

    @Test
    void aRunFiredThroughQuartzReadsS3AndShowsUpInMetricsAndApi() throws Exception {
        Path password = Files.writeString(tmp.resolve("password"), ExampleRepository.PASSWORD + "\n");
        Map<String, String> env = Map.of("KOPIA_S3_ENDPOINT", "127.0.0.1:" + s3.port(), "KOPIA_S3_DISABLE_TLS",
                "true", "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1");
        TargetName app = new TargetName("paperless");
        ServerConfig config = new ServerConfig(new ServerConfig.Http("127.0.0.1", 0),
                List.of(new RepositoryTarget(app, "s3://" + BUCKET + "/example", password,
                        Optional.of(new Schedule("0 0 0 1 1 ? 2099", 0)), Optional.empty(),
                        Optional.of(Duration.ofDays(10)))),
                List.of(), List.of());
        try (RewindServer server = new RewindServer(config, Duration.ZERO, CheckRunnerTest.CLOCK,
                new SplittableRandom(5), env).start()) {
            RunStore runs = server.verifications().runs();
            CompletableFuture<Run> next = runs.next(r -> r.target().equals(app));
            server.verifications().scheduler().triggerNow(app, CheckKind.QUICK_VERIFY);
            Run run = next.get(60, TimeUnit.SECONDS);

            assertThat(run.outcome()).as("%s", run).isEqualTo(Outcome.HEALTHY);
            assertThat(runs.latest(app, CheckKind.QUICK_VERIFY)).contains(run);
            assertThat(server.verifications().meter().snapshot().totalRequests()).isPositive();
            String metrics = get(server, "/metrics");
            assertThat(metrics).containsPattern("rewind_storage_requests_total\\{operation=\"list\","
                    + "result=\"success\"} [1-9]");
            assertThat(metrics).contains("rewind_verification_healthy{target=\"paperless\",check=\"quick-verify\"} 1");
            assertThat(get(server, "/api/v1/status")).contains("\"outcome\":\"healthy\"");
        }
    }

    private String get(RewindServer server, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
