package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.BlobStore;
import dev.rewind.storage.ByteRange;
import dev.rewind.storage.StorageException;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A minimal test-only {@link BlobStore} over an AWS SDK {@link S3Client}, used by the barman integration test to read
 * what barman-cloud wrote into the in-JVM s3proxy. Not the production S3BlobStore: no retries, no error
 * translation beyond not-found, whole-object reads only for ranges.
 */
final class S3ClientTestBlobStore implements BlobStore {
    private final S3Client s3;
    private final String bucket;

    S3ClientTestBlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<BlobMetadata> find(BlobId id) {
        try {
            var head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(id.value()).build());
            return Optional.of(new BlobMetadata(id, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] read(BlobId id, ByteRange range) {
        byte[] all;
        try {
            all = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(id.value()).build()).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(id, describe());
        }
        long end = range.toEnd() ? all.length : range.offset() + range.length();
        if (range.offset() > all.length || end > all.length) {
            throw new StorageException(Reason.CORRUPT, "blob " + id + " is shorter than range " + range, false);
        }
        return java.util.Arrays.copyOfRange(all, (int) range.offset(), (int) end);
    }

    @Override
    public Stream<BlobMetadata> list(String prefix) {
        return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                .contents().stream()
                .map(o -> new BlobMetadata(BlobId.of(o.key()), o.size(), o.lastModified()));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + " (test)";
    }
}
