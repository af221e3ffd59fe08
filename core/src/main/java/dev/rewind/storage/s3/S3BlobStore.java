package dev.rewind.storage.s3;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.StorageException;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} over an S3 bucket (AWS, Garage, MinIO, Ceph…) with the AWS SDK v2 and its Apache HTTP
 * client. Object key = prefix + blob id, as kopia's S3 backend lays it out (kopia-format.md §4.2): no sharding,
 * no suffix. Ranged reads use the HTTP {@code Range} header; metadata comes from HeadObject; listing is
 * ListObjectsV2, paginated lazily (the next page is requested only when the caller iterates that far).
 *
 * <p>The SDK's own retries are off: retrying is {@link dev.rewind.storage.RetryingBlobStore}'s job. Checksums are
 * computed and validated only when an operation requires them, which is what Garage supports. SDK exceptions are
 * translated into {@link StorageException}s here ({@link S3Failures}).
 *
 * <p>Range reads that end past the blob's end throw {@code CORRUPT} naming the blob, whether the server answers
 * 416 or returns a short body. A 404 from HeadObject cannot tell a missing key from a missing bucket; the first
 * such answer is followed by one HeadBucket, so a wrong bucket surfaces as NOT_FOUND naming the bucket instead
 * of as an absent blob.
 *
 * <p>Thread-safe. {@link #close()} closes the SDK client.
 */
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Client client;
    private final S3Settings settings;
    private final S3Failures failures;
    private final AtomicBoolean bucketVerified = new AtomicBoolean();

    /** A store with its own SDK client built from {@code settings}. */
    public S3BlobStore(S3Settings settings) {
        this(S3ClientFactory.create(settings), settings);
    }

    /** A store over a given client (tests, shared clients); closing the store closes the client. */
    S3BlobStore(S3Client client, S3Settings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failures = new S3Failures(settings, describe());
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        HeadObjectResponse head;
        try {
            head = client.headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(key(id)).build());
        } catch (SdkException e) {
            StorageException translated = failures.translate(e, "HeadObject", id);
            if (translated instanceof BlobNotFoundException) {
                verifyBucketExists();
                return Optional.empty();
            }
            throw translated;
        }
        return Optional.of(new BlobMetadata(id, head.contentLength(), modifiedAt(head.lastModified())));
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        if (!range.toEnd() && range.length() == 0) {
            // HTTP cannot ask for zero bytes: check that the offset is within the blob instead.
            long length = get(id).lengthBytes();
            if (range.offset() > length) {
                throw pastEnd(id, length, range);
            }
            return new byte[0];
        }
        var request = GetObjectRequest.builder().bucket(settings.bucket()).key(key(id));
        if (!range.isAll()) {
            request.range("bytes=" + range.offset() + "-"
                    + (range.toEnd() ? "" : Long.toString(range.offset() + range.length() - 1)));
        }
        ResponseBytes<GetObjectResponse> response;
        try {
            response = client.getObject(request.build(), ResponseTransformer.toBytes());
        } catch (S3Exception e) {
            if (e.statusCode() == 416 || "InvalidRange".equals(S3Failures.errorCode(e))) {
                return unsatisfiable(id, range, e);
            }
            throw failures.translate(e, "GetObject", id);
        } catch (SdkException e) {
            throw failures.translate(e, "GetObject", id);
        }
        byte[] bytes = response.asByteArrayUnsafe();
        if (!range.isAll() && response.response().contentRange() == null) {
            return sliceWholeObject(id, bytes, range); // the server ignored the Range header
        }
        if (!range.toEnd() && bytes.length != range.length()) {
            if (bytes.length < range.length()) {
                long total = totalLength(response.response()).orElse(range.offset() + bytes.length);
                throw pastEnd(id, total, range);
            }
            throw new StorageException(Reason.CORRUPT, "S3 returned " + bytes.length + " bytes of blob " + id + " in "
                    + describe() + " for range " + range, true);
        }
        return bytes;
    }

    private byte[] sliceWholeObject(BlobId id, byte[] whole, ByteRange range) {
        long end = range.toEnd() ? whole.length : range.offset() + range.length();
        if (range.offset() > whole.length || end > whole.length) {
            throw pastEnd(id, whole.length, range);
        }
        return java.util.Arrays.copyOfRange(whole, (int) range.offset(), (int) end);
    }

    /** A 416: the range starts at or past the end. Starting exactly at the end of a to-end range is empty. */
    private byte[] unsatisfiable(BlobId id, ByteRange range, S3Exception cause) {
        long length = get(id).lengthBytes();
        if (range.toEnd() && range.offset() == length) {
            return new byte[0];
        }
        StorageException e = pastEnd(id, length, range);
        e.addSuppressed(cause);
        throw e;
    }

    private StorageException pastEnd(BlobId id, long length, ByteRange range) {
        return new StorageException(Reason.CORRUPT, "blob " + id + " in " + describe() + " has " + length
                + " bytes, range " + range + " requested", false);
    }

    private static Optional<Long> totalLength(GetObjectResponse response) {
        String contentRange = response.contentRange(); // bytes 0-9/1234
        if (contentRange == null) {
            return Optional.empty();
        }
        int slash = contentRange.lastIndexOf('/');
        try {
            return slash < 0 ? Optional.empty() : Optional.of(Long.parseLong(contentRange.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        var request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(settings.prefix() + prefix)
                .build();
        Iterator<S3Object> pages;
        try {
            pages = client.listObjectsV2Paginator(request).contents().iterator();
        } catch (SdkException e) {
            throw failures.translate(e, "ListObjectsV2 of prefix '" + prefix + "'");
        }
        var listing = new Listing(pages, prefix);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing,
                Spliterator.NONNULL | Spliterator.DISTINCT | Spliterator.ORDERED), false);
    }

    /** Translates failures while paging and turns object keys into blob ids. */
    private final class Listing implements Iterator<BlobMetadata> {
        private final Iterator<S3Object> objects;
        private final String prefix;
        private BlobMetadata next;

        Listing(Iterator<S3Object> objects, String prefix) {
            this.objects = objects;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                S3Object object;
                try {
                    if (!objects.hasNext()) {
                        return false;
                    }
                    object = objects.next();
                } catch (SdkException e) {
                    throw failures.translate(e, "ListObjectsV2 of prefix '" + prefix + "'");
                }
                next = toMetadata(object).orElse(null);
            }
            return true;
        }

        @Override
        public BlobMetadata next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BlobMetadata result = next;
            next = null;
            return result;
        }
    }

    private Optional<BlobMetadata> toMetadata(S3Object object) {
        String key = object.key();
        if (!key.startsWith(settings.prefix()) || key.length() == settings.prefix().length()) {
            return Optional.empty();
        }
        String id = key.substring(settings.prefix().length());
        try {
            return Optional.of(new BlobMetadata(BlobId.of(id), object.size() == null ? 0 : object.size(),
                    modifiedAt(object.lastModified())));
        } catch (RuntimeException invalid) {
            LOG.debug("skipping object {} in {}: not a valid blob id", key, describe());
            return Optional.empty();
        }
    }

    private void verifyBucketExists() {
        if (bucketVerified.get()) {
            return;
        }
        try {
            client.headBucket(HeadBucketRequest.builder().bucket(settings.bucket()).build());
            bucketVerified.set(true);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || "NoSuchBucket".equals(S3Failures.errorCode(e))) {
                throw failures.noSuchBucket(e);
            }
            throw failures.translate(e, "HeadBucket");
        } catch (SdkException e) {
            throw failures.translate(e, "HeadBucket");
        }
    }

    private String key(BlobId id) {
        return settings.prefix() + id.value();
    }

    private static Instant modifiedAt(Instant lastModified) {
        return lastModified == null ? Instant.EPOCH : lastModified;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        client.close();
    }
}
