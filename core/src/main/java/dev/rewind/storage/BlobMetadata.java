package dev.rewind.storage;

import java.time.Instant;
import java.util.Objects;

/** What a store knows about one blob without reading it. */
public record BlobMetadata(BlobId id, long lengthBytes, Instant modifiedAt) {
    public BlobMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        if (lengthBytes < 0) {
            throw new IllegalArgumentException("negative length for " + id);
        }
    }
}
