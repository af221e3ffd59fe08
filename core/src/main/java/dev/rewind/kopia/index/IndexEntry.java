package dev.rewind.kopia.index;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import dev.rewind.storage.BlobId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a Kopia content index (kopia-format.md §5.2, §5.3): where a content is stored and how.
 *
 * @param contentId the content
 * @param packBlobId the pack blob ({@code p…}/{@code q…}) holding the encrypted content
 * @param packOffset offset of the encrypted content inside the pack (0 … 2^31−1)
 * @param packedLengthBytes length of the encrypted content inside the pack
 * @param originalLengthBytes length of the content after decryption and decompression; {@code -1} when unknown
 *     (index v1 does not record it — kopia derives it as packed length minus the cipher overhead of 28 bytes)
 * @param timestampSeconds when the entry was written (unix seconds); the newest entry of a content wins (§5.4)
 * @param deleted true for a deletion marker (soft delete, §5.4)
 * @param compressionHeaderId compression header ID, 0 for none (always 0 in index v1)
 * @param formatVersion the content format version recorded with the entry
 * @param encryptionKeyId encryption key ID (must be 0 to be readable, §4.7; always 0 in index v1)
 * @param indexVersion the index format (1 or 2) that held the entry
 */
public record IndexEntry(
        ContentId contentId,
        BlobId packBlobId,
        long packOffset,
        long packedLengthBytes,
        long originalLengthBytes,
        long timestampSeconds,
        boolean deleted,
        int compressionHeaderId,
        int formatVersion,
        int encryptionKeyId,
        int indexVersion) {

    /** Marker for {@link #originalLengthBytes()} when the index does not record it (index v1). */
    public static final long UNKNOWN_LENGTH = -1;

    public IndexEntry {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(packBlobId, "packBlobId");
        if (packOffset < 0 || packedLengthBytes < 0 || originalLengthBytes < UNKNOWN_LENGTH || timestampSeconds < 0
                || formatVersion < 0 || formatVersion > 255 || encryptionKeyId < 0 || encryptionKeyId > 255
                || (indexVersion != 1 && indexVersion != 2)) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid index entry for content " + contentId);
        }
    }

    /** True when the index recorded the original (uncompressed) length. */
    public boolean hasOriginalLength() {
        return originalLengthBytes != UNKNOWN_LENGTH;
    }

    /** {@link #timestampSeconds()} as an instant. */
    public Instant writtenAt() {
        return Instant.ofEpochSecond(timestampSeconds);
    }

    /**
     * True when this entry beats {@code other} for the same content, following kopia's precedence
     * (kopia: repo/content/index/merged.go): the newer timestamp wins; on a tie a live entry beats a deletion marker;
     * on a further tie the lexicographically greater pack blob ID wins.
     */
    public boolean supersedes(IndexEntry other) {
        if (timestampSeconds != other.timestampSeconds) {
            return timestampSeconds > other.timestampSeconds;
        }
        if (deleted != other.deleted) {
            return !deleted;
        }
        return packBlobId.value().compareTo(other.packBlobId.value()) > 0;
    }
}
