package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test-side names of index-related blobs as kopia writes them (kopia-format.md §4.1; kopia:
 * internal/epoch/epoch_manager.go, repo/content/indexblob/*), and the plaintext of a legacy compaction log. The
 * {@code hashHex} is the keyed hash of the blob's plaintext (§3.2) — the crypto layer computes it; it also supplies
 * the IV, so it must be 32 hex characters for a default repository.
 */
public final class IndexBlobNames {
    private IndexBlobNames() {
    }

    /** {@code xn<epoch>_<hash>-<session>-c<count>}: an uncompacted index blob (one of {@code count} shards). */
    public static BlobId uncompacted(int epoch, String hashHex, String sessionId, int count) {
        return BlobId.of("xn" + epoch + "_" + hashHex + "-" + sessionId + "-c" + count);
    }

    /** {@code xs<epoch>_<hash>-<setId>-c<count>}: a single-epoch compaction; {@code setId} is {@code s<16 hex>}. */
    public static BlobId singleEpochCompaction(int epoch, String hashHex, String setId, int count) {
        return BlobId.of("xs" + epoch + "_" + hashHex + "-" + setId + "-c" + count);
    }

    /** {@code xr<min>_<max>_<hash>-<setId>-c<count>}: a range checkpoint of epochs min…max. */
    public static BlobId rangeCheckpoint(int minEpoch, int maxEpoch, String hashHex, String setId, int count) {
        return BlobId.of("xr" + minEpoch + "_" + maxEpoch + "_" + hashHex + "-" + setId + "-c" + count);
    }

    /** {@code xe<epoch>}: the marker that starts write epoch {@code epoch} (body {@link #EPOCH_MARKER_BODY}). */
    public static BlobId epochMarker(int epoch) {
        return BlobId.of("xe" + epoch);
    }

    /** {@code xw<unix seconds>}: a deletion watermark (body {@link #WATERMARK_BODY}). */
    public static BlobId deletionWatermark(long unixSeconds) {
        return BlobId.of("xw" + unixSeconds);
    }

    /** {@code n<hash>} or {@code n<hash>-<suffix>}: a legacy index blob. */
    public static BlobId legacyIndex(String hashHex, String suffix) {
        return BlobId.of("n" + hashHex + (suffix.isEmpty() ? "" : "-" + suffix));
    }

    /** {@code m<hash>}: a legacy compaction log. */
    public static BlobId compactionLog(String hashHex) {
        return BlobId.of("m" + hashHex);
    }

    public static final byte[] EPOCH_MARKER_BODY = "epoch-marker".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] WATERMARK_BODY = "deletion-watermark".getBytes(StandardCharsets.US_ASCII);

    /** The JSON kopia writes (before encryption) into a legacy compaction log. */
    public static byte[] compactionLogJson(List<BlobMetadata> inputs, List<BlobMetadata> outputs) {
        return ("{\"inputMetadata\":" + metadataJson(inputs) + ",\"outputMetadata\":" + metadataJson(outputs) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String metadataJson(List<BlobMetadata> blobs) {
        return blobs.stream()
                .map(b -> "{\"id\":\"" + b.id().value() + "\",\"length\":" + b.lengthBytes() + ",\"timestamp\":\""
                        + DateTimeFormatter.ISO_INSTANT.format(b.modifiedAt()) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
