package dev.rewind.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.storage.BlobStore;
import dev.rewind.storage.BlobStoreContractTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against {@link S3BlobStore} talking to s3proxy inside the test JVM; each test gets a new prefix. */
class S3BlobStoreS3ProxyContractTest extends BlobStoreContractTest {
    private static final String BUCKET = "contract";
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static S3ProxyServer server;

    private final String prefix = "repo-" + TESTS.incrementAndGet() + "/";

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theServerReallyPagesListingsAtOneThousandKeys() throws Exception {
        var blobs = new java.util.HashMap<String, byte[]>();
        for (int i = 0; i < 1_001; i++) {
            blobs.put(String.format("p%032x-s0123456789abcdef13d", i), new byte[] {1});
        }
        putAll(blobs);

        var firstPage = server.admin().listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix));

        assertThat(firstPage.isTruncated()).isTrue();
        assertThat(firstPage.keyCount()).isEqualTo(1_000);
        assertThat(ids("p")).hasSize(1_001);
    }

    @Override
    protected BlobStore createStore() {
        return new S3BlobStore(server.settings(BUCKET, prefix));
    }

    @Override
    protected void put(String id, byte[] bytes) {
        server.put(BUCKET, prefix + id, bytes);
    }

    @Override
    protected void putAll(Map<String, byte[]> blobs) throws Exception {
        server.putAll(BUCKET, prefix, blobs);
    }
}
