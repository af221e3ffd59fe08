package dev.rewind.kopia.index;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.storage.BlobId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A legacy index compaction log ({@code m…} blob, kopia-format.md §5.6; kopia:
 * repo/content/indexblob/index_blob_manager_v0.go): the index blobs a compaction read and the ones it wrote.
 * Decrypted JSON: {@code {"inputMetadata":[{"id":…,"length":…,"timestamp":…}…],"outputMetadata":[…]}}.
 *
 * @param blobId the {@code m…} blob this log was read from
 * @param inputs index blobs superseded by the outputs once all outputs exist
 * @param outputs index blobs written by the compaction
 */
public record CompactionLog(BlobId blobId, List<BlobId> inputs, List<BlobId> outputs) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public CompactionLog {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Parses the decrypted JSON of compaction log {@code blobId}; malformed JSON is {@code CORRUPT} naming it. */
    public static CompactionLog parse(BlobId blobId, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new RewindException(Reason.CORRUPT, "compaction log " + blobId + " is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new RewindException(Reason.CORRUPT, "compaction log " + blobId + " is not a JSON object");
        }
        return new CompactionLog(blobId, ids(blobId, root, "inputMetadata"), ids(blobId, root, "outputMetadata"));
    }

    private static List<BlobId> ids(BlobId blobId, JsonNode root, String field) {
        JsonNode list = root.get(field);
        var out = new ArrayList<BlobId>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new RewindException(Reason.CORRUPT, "compaction log " + blobId + ": " + field + " is not a list");
        }
        for (JsonNode item : list) {
            JsonNode id = item.get("id");
            if (id == null || !id.isString() || id.asString().isEmpty()) {
                throw new RewindException(Reason.CORRUPT, "compaction log " + blobId + ": " + field
                        + " has an entry without a blob id");
            }
            try {
                out.add(BlobId.of(id.asString()));
            } catch (RewindException e) {
                throw new RewindException(Reason.CORRUPT, "compaction log " + blobId + ": " + field
                        + " has an invalid blob id", e);
            }
        }
        return out;
    }
}
