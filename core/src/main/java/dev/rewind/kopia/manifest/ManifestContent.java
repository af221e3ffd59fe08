package dev.rewind.kopia.manifest;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.content.ContentId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses one manifest content (kopia-format.md §6.1), written by hand after kopia's {@code repo/manifest/
 * serialized.go}: the content plaintext is a gzip stream of {@code {"entries":[ENTRY,…]}}. The {@code entries} key
 * matches case-insensitively, other top-level keys are skipped, and a repeated {@code entries} key is rejected, as
 * in kopia. Every failure is {@link Reason#CORRUPT} naming the content (and the entry where known).
 */
public final class ManifestContent {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ManifestContent() {
    }

    /** The entries of manifest content {@code content}, in stored order, deletion markers included. */
    public static List<ManifestEntry> parse(ContentId content, byte[] plaintext) {
        JsonNode root;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(plaintext))) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw corrupt(content, "not a valid gzip stream (" + e.getMessage() + ")", e);
        } catch (JacksonException e) {
            throw corrupt(content, "not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(content, "not a JSON object");
        }
        JsonNode entries = null;
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            if (property.getKey().equalsIgnoreCase("entries")) {
                if (entries != null) {
                    throw corrupt(content, "repeated entries field");
                }
                entries = property.getValue();
            }
        }
        if (entries == null || entries.isNull()) {
            return List.of();
        }
        if (!entries.isArray()) {
            throw corrupt(content, "entries field is not an array");
        }
        List<ManifestEntry> result = new ArrayList<>(entries.size());
        int index = 0;
        for (JsonNode entry : entries.values()) {
            result.add(entry(content, index++, entry));
        }
        return result;
    }

    private static ManifestEntry entry(ContentId content, int index, JsonNode node) {
        String where = "entry " + index;
        if (!node.isObject()) {
            throw corrupt(content, where + " is not an object");
        }
        JsonNode idNode = node.path("id");
        if (!idNode.isString()) {
            throw corrupt(content, where + " has no id");
        }
        ManifestId id;
        try {
            id = ManifestId.parse(idNode.stringValue());
        } catch (RewindException e) {
            throw corrupt(content, where + " has an invalid id '" + idNode.stringValue() + "'");
        }
        where = "manifest " + id;
        JsonNode modified = node.path("modified");
        if (!modified.isString()) {
            throw corrupt(content, where + " has no modified time");
        }
        Instant modifiedAt = parseTime(content, where + " modified", modified.stringValue());
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelsNode = node.path("labels");
        if (labelsNode.isObject()) {
            for (Map.Entry<String, JsonNode> label : labelsNode.properties()) {
                if (!label.getValue().isString()) {
                    throw corrupt(content, where + " label '" + label.getKey() + "' is not a string");
                }
                labels.put(label.getKey(), label.getValue().stringValue());
            }
        } else if (!labelsNode.isMissingNode() && !labelsNode.isNull()) {
            throw corrupt(content, where + " labels are not an object");
        }
        JsonNode deletedNode = node.path("deleted");
        boolean deleted = deletedNode.isBoolean() && deletedNode.booleanValue();
        JsonNode data = node.path("data");
        boolean hasData = !data.isMissingNode() && !data.isNull();
        if (!deleted && !hasData && node.path("contentID").isString()) {
            throw new RewindException(Reason.UNSUPPORTED, "manifest content " + content + ": " + where
                    + " keeps its data in separate content " + node.path("contentID").stringValue()
                    + ", a manifest format this reader does not support");
        }
        return new ManifestEntry(id, labels, modifiedAt, deleted, hasData ? data.toString() : "null", content);
    }

    /** Parses an RFC 3339 timestamp as Go writes it (any offset, up to nine fractional digits). */
    static Instant parseTime(ContentId content, String what, String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw corrupt(content, what + " '" + text + "' is not an RFC 3339 timestamp");
        }
    }

    private static RewindException corrupt(ContentId content, String what) {
        return new RewindException(Reason.CORRUPT, "manifest content " + content + ": " + what);
    }

    private static RewindException corrupt(ContentId content, String what, Throwable cause) {
        return new RewindException(Reason.CORRUPT, "manifest content " + content + ": " + what, cause);
    }
}
