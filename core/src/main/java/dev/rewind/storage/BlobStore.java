package dev.rewind.storage;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read-only access to a flat namespace of blobs: a Kopia repository or a Barman Cloud archive on S3, on a
 * filesystem (NFS mount), or in memory (tests). There is deliberately no write method: everything built on a
 * BlobStore is read-only by type.
 *
 * <p>Contract (checked for every implementation by the storage contract test suite):
 * <ul>
 *   <li>{@link #find} returns empty for a blob that does not exist; {@link #read} of a missing blob throws
 *       {@link BlobNotFoundException}.</li>
 *   <li>{@link #read} returns exactly the bytes of the range. A range that starts at the blob's length returns
 *       an empty array; a range that starts past the end or ends past the end throws
 *       {@link StorageException} with reason {@code CORRUPT} naming the blob (a blob shorter than an index said is
 *       damage, not a short read).</li>
 *   <li>{@link #list} streams every blob whose id starts with the prefix, in no particular order unless the
 *       implementation says so, without loading the whole listing into memory. The stream must be closed.</li>
 *   <li>Failures are {@link StorageException}s: not found ({@code NOT_FOUND}), unavailable or forbidden
 *       ({@code UNAVAILABLE}, with {@link StorageException#retryable()} telling whether trying again may help).</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface BlobStore extends AutoCloseable {

    /** Metadata of one blob, or empty when it does not exist. */
    Optional<BlobMetadata> find(BlobId id);

    /** Metadata of one blob; throws {@link BlobNotFoundException} when it does not exist. */
    default BlobMetadata get(BlobId id) {
        return find(id).orElseThrow(() -> new BlobNotFoundException(id, describe()));
    }

    /** The bytes of {@code range} of blob {@code id}. */
    byte[] read(BlobId id, ByteRange range);

    /**
     * Reads {@code range} (of known length) into the start of {@code into}, which must be at least that long, and
     * returns the length — for hot paths that reuse one buffer instead of allocating an array per read. Same
     * failures as {@link #read(BlobId, ByteRange)}; on failure the contents of {@code into} are undefined. The
     * default reads an array and copies it; stores that can read in place override it.
     *
     * @throws IllegalArgumentException when the range runs to the end or is longer than {@code into}
     */
    default int read(BlobId id, ByteRange range, byte[] into) {
        checkInto(range, into);
        byte[] bytes = read(id, range);
        System.arraycopy(bytes, 0, into, 0, bytes.length);
        return bytes.length;
    }

    /** The argument check of {@link #read(BlobId, ByteRange, byte[])}, for implementations. */
    static void checkInto(ByteRange range, byte[] into) {
        if (range.toEnd() || range.length() > into.length) {
            throw new IllegalArgumentException("range " + range + " does not fit a buffer of " + into.length
                    + " bytes");
        }
    }

    /** The whole blob. */
    default byte[] read(BlobId id) {
        return read(id, ByteRange.all());
    }

    /** Every blob whose id starts with {@code prefix} (empty prefix: all). The caller closes the stream. */
    Stream<BlobMetadata> list(String prefix);

    /** Where this store reads from, for messages: {@code s3://bucket/prefix (endpoint)}, a path. Never secrets. */
    String describe();

    @Override
    default void close() {
    }
}
