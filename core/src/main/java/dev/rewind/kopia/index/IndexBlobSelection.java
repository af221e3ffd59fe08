package dev.rewind.kopia.index;

import dev.rewind.storage.BlobMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The index blobs that together form a repository's current content index, and the deletion watermark that goes
 * with them (kopia-format.md §4.7, §5.5, §5.6).
 *
 * @param indexBlobs every index blob to read and merge, each exactly once
 * @param deletionWatermarkAt deleted entries written at or before this instant count as nonexistent; empty when the
 *     repository has no watermark (always empty for the legacy layout)
 */
public record IndexBlobSelection(List<BlobMetadata> indexBlobs, Optional<Instant> deletionWatermarkAt) {
    public IndexBlobSelection {
        indexBlobs = List.copyOf(indexBlobs);
        Objects.requireNonNull(deletionWatermarkAt, "deletionWatermarkAt");
    }
}
