package dev.rewind.kopia.index;

import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the active index blobs of a legacy repository (format version 1, epochs disabled; kopia-format.md §5.6;
 * kopia: repo/content/indexblob/index_blob_manager_v0.go {@code ListActiveIndexBlobs},
 * {@code removeCompactedIndexes}). Written by hand.
 *
 * <p>Every {@code n…} blob is active unless a compaction log whose outputs all exist lists it as an input. The poison
 * blob {@value #POISON_BLOB} written by {@code kopia repository upgrade} is never an index. There is no deletion
 * watermark.
 */
public final class LegacyIndexSelector {
    /** The blob kopia writes to make a v1 repository unreadable by old clients after an upgrade (§4.1). */
    public static final String POISON_BLOB =
            "n00000000000000000000000000000000-repository_unreadable_by_this_kopia_version_upgrade_required";

    private LegacyIndexSelector() {
    }

    /**
     * Selects from {@code indexListing} (the {@code n} blobs, in listing order) given the compaction logs read from
     * the {@code m} blobs.
     */
    public static IndexBlobSelection select(List<BlobMetadata> indexListing, List<CompactionLog> compactionLogs) {
        Map<BlobId, BlobMetadata> active = new LinkedHashMap<>();
        for (BlobMetadata blob : indexListing) {
            if (blob.id().value().startsWith("n") && !blob.id().value().equals(POISON_BLOB)) {
                active.put(blob.id(), blob);
            }
        }
        List<CompactionLog> valid = new ArrayList<>();
        for (CompactionLog log : compactionLogs) {
            if (active.keySet().containsAll(log.outputs())) {
                valid.add(log);
            }
        }
        for (CompactionLog log : valid) {
            log.inputs().forEach(active::remove);
        }
        return new IndexBlobSelection(List.copyOf(active.values()), Optional.empty());
    }
}
