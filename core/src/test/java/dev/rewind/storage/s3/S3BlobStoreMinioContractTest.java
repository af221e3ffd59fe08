package dev.rewind.storage.s3;

import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreContractTest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract against {@link S3BlobStore} talking to a real MinIO in a container. Skipped (reported as such) when
 * no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class S3BlobStoreMinioContractTest extends BlobStoreContractTest {
    private static final String BUCKET = "contract";
    private static final AtomicInteger TESTS = new AtomicInteger();

    @Container
    private static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");

    private static S3Client admin;
    private final String prefix = "repo-" + TESTS.incrementAndGet() + "/";

    private static S3Settings settings(String prefix) {
        return S3Settings.of(BUCKET, prefix).withEndpoint(URI.create(MINIO.getS3URL()))
                .withCredentials(new S3Credentials.Static(MINIO.getUserName(), MINIO.getPassword()));
    }

    @BeforeAll
    static void createBucket() {
        admin = S3ClientFactory.create(settings(""));
        admin.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    protected BlobStore createStore() {
        return new S3BlobStore(settings(prefix));
    }

    @Override
    protected void put(String id, byte[] bytes) {
        admin.putObject(b -> b.bucket(BUCKET).key(prefix + id), RequestBody.fromBytes(bytes));
    }

    @Override
    protected void putAll(Map<String, byte[]> blobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = blobs.entrySet().stream().map(e -> pool.submit(() -> put(e.getKey(), e.getValue())))
                    .toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
