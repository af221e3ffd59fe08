package dev.rewind.storage.s3;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * An s3proxy (in-memory nio2 store, SigV2/V4 authentication with a fixed key pair) on a free loopback port inside
 * the test JVM, with an admin client for seeding.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "rewind-access-key";
    public static final String SECRET_KEY = "rewind-secret-KEY-0123456789abcdef";

    private final S3Proxy proxy;
    private final TransientNio2BlobStore backing;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyServer(S3Proxy proxy, TransientNio2BlobStore backing, URI endpoint) {
        this.proxy = proxy;
        this.backing = backing;
        this.endpoint = endpoint;
        this.admin = S3ClientFactory.create(settings("admin-bucket", ""));
    }

    public static S3ProxyServer start() throws Exception {
        var backing = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(backing)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        if (proxy.getPort() <= 0) {
            throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        return new S3ProxyServer(proxy, backing, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    /** Settings that reach this server with the right keys. */
    public S3Settings settings(String bucket, String prefix) {
        return S3Settings.of(bucket, prefix).withEndpoint(endpoint)
                .withCredentials(new S3Credentials.Static(ACCESS_KEY, SECRET_KEY));
    }

    public S3Client admin() {
        return admin;
    }

    public void createBucket(String bucket) {
        admin.createBucket(b -> b.bucket(bucket));
    }

    /**
     * Seeds one object straight into s3proxy's store (no HTTP: a seeding PUT through the SDK, whose retries are off
     * by design, can fail with a broken pipe on a loaded machine and fail a test that is about reading).
     */
    public void put(String bucket, String key, byte[] bytes) {
        putAll(bucket, "", Map.of(key, bytes));
    }

    /**
     * Seeds many objects straight into s3proxy's in-memory store (no HTTP round trip per object: 1,100 signed PUTs
     * take ~15 s on a loaded 2-core machine). Reading them back still goes through HTTP and the SDK.
     */
    public void putAll(String bucket, String keyPrefix, Map<String, byte[]> blobs) {
        blobs.forEach((id, bytes) -> backing.putBlob(PutObjectRequest.builder().bucket(bucket).key(keyPrefix + id)
                .contentLength((long) bytes.length).build(), new ByteArrayInputStream(bytes)));
    }

    @Override
    public void close() {
        admin.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
