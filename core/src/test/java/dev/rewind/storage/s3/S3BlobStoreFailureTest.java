package dev.rewind.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.MeteredBlobStore;
import dev.rewind.storage.RecordingSleeper;
import dev.rewind.storage.RetryPolicy;
import dev.rewind.storage.RetryingBlobStore;
import dev.rewind.storage.StorageException;
import dev.rewind.storage.StorageOperation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How {@link S3BlobStore} translates real failures of a real S3 server (s3proxy in the test JVM). */
class S3BlobStoreFailureTest {
    private static final String BUCKET = "failures";
    private static final BlobId BLOB = BlobId.of("kopia.repository");
    private static final byte[] CONTENT = "{\"format\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String WRONG_SECRET = "wrong-secret-DO-NOT-PRINT-42";

    private static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        server.put(BUCKET, "repo/" + BLOB.value(), CONTENT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<Consumer<BlobStore>> everyOperation() {
        return List.of(
                s -> s.read(BLOB),
                s -> s.read(BLOB, ByteRange.of(1, 3)),
                s -> s.find(BLOB),
                s -> {
                    try (Stream<?> listing = s.list("")) {
                        listing.count();
                    }
                });
    }

    @Test
    void wrongSecretKeyIsAccessDeniedNotRetryableAndNeverPrintsTheSecret() {
        S3Settings settings = server.settings(BUCKET, "repo/")
                .withCredentials(new S3Credentials.Static(S3ProxyServer.ACCESS_KEY, WRONG_SECRET));
        try (var store = new S3BlobStore(settings)) {
            for (Consumer<BlobStore> operation : everyOperation()) {
                var e = catchThrowableOfType(StorageException.class, () -> operation.accept(store));

                assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).startsWith("access denied to s3://" + BUCKET + "/repo/ at "
                        + server.endpoint());
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("AWS_ACCESS_KEY_ID")
                        .contains("AWS_SECRET_ACCESS_KEY"));
                assertThat(e.getMessage() + e.hint().orElse("")).doesNotContain(WRONG_SECRET)
                        .doesNotContain(S3ProxyServer.SECRET_KEY);
            }
        }
    }

    @Test
    void unknownAccessKeyIsAccessDeniedAndNotRetried() {
        S3Settings settings = server.settings(BUCKET, "repo/")
                .withCredentials(new S3Credentials.Static("AKIAUNKNOWN", WRONG_SECRET));
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        var sleeper = new RecordingSleeper(clock);
        var metered = new MeteredBlobStore(new S3BlobStore(settings));
        try (var store = new RetryingBlobStore(metered, RetryPolicy.DEFAULT, clock, sleeper, new SplittableRandom(1))) {
            var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("access denied").contains(BUCKET).contains(server.endpoint().toString())
                    .doesNotContain(WRONG_SECRET);
            assertThat(metered.metrics().of(StorageOperation.READ).requests()).isEqualTo(1);
            assertThat(sleeper.sleeps()).isEmpty();
        }
    }

    @Test
    void closedPortIsUnavailableRetryableNamingTheEndpoint() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Settings settings = server.settings(BUCKET, "repo/").withEndpoint(endpoint)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (var store = new S3BlobStore(settings)) {
            for (Consumer<BlobStore> operation : everyOperation()) {
                var e = catchThrowableOfType(StorageException.class, () -> operation.accept(store));

                assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("cannot reach S3 endpoint " + endpoint)
                        .contains("s3://" + BUCKET + "/repo/");
            }
        }
    }

    @Test
    void missingBucketIsNotFoundNamingTheBucket() {
        try (var store = new S3BlobStore(server.settings("no-such-bucket", "repo/"))) {
            for (Consumer<BlobStore> operation : everyOperation()) {
                var e = catchThrowableOfType(StorageException.class, () -> operation.accept(store));

                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).contains("bucket no-such-bucket not found at " + server.endpoint());
            }
        }
    }

    @Test
    void wrongPrefixIsJustAnEmptyRepository() {
        try (var store = new S3BlobStore(server.settings(BUCKET, "elsewhere/"))) {
            assertThat(store.find(BLOB)).isEmpty();
            assertThat(catchThrowableOfType(StorageException.class, () -> store.read(BLOB)).reason())
                    .isEqualTo(Reason.NOT_FOUND);
        }
    }

    @Test
    void real503IsRetryableAndTheSdkDoesNotRetryOnItsOwn() throws Exception {
        try (var front = new FlakyFrontServer(server.port(), 1);
                var store = new S3BlobStore(server.settings(BUCKET, "repo/")
                        .withEndpoint(URI.create("http://127.0.0.1:" + front.port())))) {
            var e = catchThrowableOfType(StorageException.class, () -> store.read(BLOB));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains(BLOB.value()).contains("HTTP 503 SlowDown");
            assertThat(front.refused()).hasSize(1);
            assertThat(store.read(BLOB)).isEqualTo(CONTENT);
        }
    }

    @Test
    void retryingDecoratorRidesOutTwoReal503s() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        var sleeper = new RecordingSleeper(clock);
        try (var front = new FlakyFrontServer(server.port(), 2)) {
            var metered = new MeteredBlobStore(new S3BlobStore(server.settings(BUCKET, "repo/")
                    .withEndpoint(URI.create("http://127.0.0.1:" + front.port()))));
            try (var store = new RetryingBlobStore(metered, RetryPolicy.DEFAULT, clock, sleeper,
                    new SplittableRandom(2))) {
                assertThat(store.read(BLOB, ByteRange.of(1, 8))).isEqualTo(java.util.Arrays.copyOfRange(CONTENT, 1, 9));
            }
            assertThat(front.refused()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("GET /" + BUCKET
                    + "/repo/kopia.repository"));
            assertThat(metered.metrics().of(StorageOperation.READ).requests()).isEqualTo(3);
            assertThat(metered.metrics().of(StorageOperation.READ).failures()).isEqualTo(2);
            assertThat(sleeper.sleeps()).hasSize(2);
        }
    }

    @Test
    void head503IsRetryableNotAMissingBlob() throws Exception {
        try (var front = new FlakyFrontServer(server.port(), 1);
                var store = new S3BlobStore(server.settings(BUCKET, "repo/")
                        .withEndpoint(URI.create("http://127.0.0.1:" + front.port())))) {
            var e = catchThrowableOfType(StorageException.class, () -> store.find(BLOB));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
            assertThat(store.find(BLOB)).hasValueSatisfying(m -> assertThat(m.lengthBytes()).isEqualTo(CONTENT.length));
        }
    }

    @Test
    void settingsAndDescriptionsNeverShowSecrets() {
        S3Settings settings = server.settings(BUCKET, "repo/")
                .withCredentials(new S3Credentials.Static("AKIAVISIBLE", WRONG_SECRET, java.util.Optional.of("tok3n")));
        try (var store = new S3BlobStore(settings)) {
            assertThat(store.describe()).isEqualTo("s3://" + BUCKET + "/repo/ at " + server.endpoint());
            assertThat(settings.toString()).contains("AKIAVISIBLE").doesNotContain(WRONG_SECRET).doesNotContain("tok3n");
        }
    }
}
