package dev.rewind.kopia.snapshot;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.object.ObjectId;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-written JSON decoding for the snapshot layer: directory objects, directory entries, summaries, snapshot
 * payloads (kopia-format.md §6.2, §7.4). Every failure is {@link Reason#CORRUPT} and names the item being decoded
 * ({@code where}: the directory object, or the snapshot manifest).
 */
final class SnapshotJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DIRECTORY_STREAM = "kopia:directory";

    private SnapshotJson() {
    }

    static JsonNode read(String where, byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw corrupt(where, "is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new RewindException(Reason.CORRUPT, where + " is not valid JSON", e);
        }
    }

    static JsonNode read(String where, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw corrupt(where, "is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new RewindException(Reason.CORRUPT, where + " is not valid JSON", e);
        }
    }

    static DirectoryManifest directory(ObjectId object, byte[] json) {
        String where = "directory object " + object;
        JsonNode root = read(where, json);
        JsonNode stream = root.path("stream");
        if (!stream.isString() || !DIRECTORY_STREAM.equals(stream.stringValue())) {
            throw corrupt(where, "has stream type " + stream + ", expected \"" + DIRECTORY_STREAM + "\"");
        }
        JsonNode entriesNode = root.path("entries");
        List<DirectoryEntry> entries = new ArrayList<>();
        if (entriesNode.isArray()) {
            int index = 0;
            for (JsonNode node : entriesNode.values()) {
                DirectoryEntry entry = entry(where + " entry " + index, node);
                String name = entry.name();
                if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                        || name.indexOf('\0') >= 0) {
                    throw corrupt(where + " entry " + index, "has an unsafe name '" + name + "'");
                }
                entries.add(entry);
                index++;
            }
        } else if (!entriesNode.isMissingNode() && !entriesNode.isNull()) {
            throw corrupt(where, "has entries that are not an array");
        }
        return new DirectoryManifest(object, entries, optionalSummary(where + " summary", root.path("summary")));
    }

    static DirectoryEntry entry(String where, JsonNode node) {
        if (!node.isObject()) {
            throw corrupt(where, "is not an object");
        }
        String name = string(where, node, "name");
        where = where + " ('" + name + "')";
        String type = string(where, node, "type");
        EntryMode mode = EntryMode.fromGoFileMode(mode(where, node.path("mode")));
        Instant modifiedAt = optionalTime(where, node, "mtime").orElse(Instant.EPOCH);
        DirectoryEntry.Owner owner = new DirectoryEntry.Owner(number(where, node, "uid"), number(where, node, "gid"));
        JsonNode obj = node.path("obj");
        if (!obj.isString()) {
            throw corrupt(where, "has no object id");
        }
        ObjectId object;
        try {
            object = ObjectId.parse(obj.stringValue());
        } catch (RewindException e) {
            throw new RewindException(Reason.CORRUPT, where + " has an invalid object id '" + obj.stringValue() + "'",
                    e);
        }
        long size = number(where, node, "size");
        return switch (type) {
            case "d" -> new DirectoryEntry.Directory(name, mode, modifiedAt, owner, object,
                    optionalSummary(where + " summary", node.path("summ")));
            case "f" -> new DirectoryEntry.File(name, mode, modifiedAt, owner, object, size);
            case "s" -> new DirectoryEntry.Symlink(name, mode, modifiedAt, owner, object, size);
            default -> new DirectoryEntry.Other(name, type, mode, modifiedAt, owner, object, size);
        };
    }

    static Optional<DirectorySummary> optionalSummary(String where, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw corrupt(where, "is not an object");
        }
        List<DirectorySummary.EntryError> errors = new ArrayList<>();
        JsonNode errorsNode = node.path("errors");
        if (errorsNode.isArray()) {
            for (JsonNode error : errorsNode.values()) {
                errors.add(new DirectorySummary.EntryError(string(where, error, "path"), string(where, error, "error")));
            }
        }
        String incomplete = string(where, node, "incomplete");
        return Optional.of(new DirectorySummary(
                number(where, node, "size"),
                number(where, node, "files"),
                number(where, node, "symlinks"),
                number(where, node, "dirs"),
                optionalTime(where, node, "maxTime").orElse(Instant.EPOCH),
                incomplete.isEmpty() ? Optional.empty() : Optional.of(incomplete),
                number(where, node, "numFailed"),
                number(where, node, "numIgnoredErrors"),
                errors));
    }

    static SnapshotStats stats(String where, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return SnapshotStats.empty();
        }
        if (!node.isObject()) {
            throw corrupt(where, "is not an object");
        }
        return new SnapshotStats(
                number(where, node, "totalSize"),
                number(where, node, "excludedTotalSize"),
                number(where, node, "fileCount"),
                number(where, node, "cachedFiles"),
                number(where, node, "nonCachedFiles"),
                number(where, node, "dirCount"),
                number(where, node, "excludedFileCount"),
                number(where, node, "excludedDirCount"),
                number(where, node, "ignoredErrorCount"),
                number(where, node, "errorCount"));
    }

    static Map<String, String> stringMap(String where, JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!property.getValue().isString()) {
                    throw corrupt(where, "value of '" + property.getKey() + "' is not a string");
                }
                map.put(property.getKey(), property.getValue().stringValue());
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw corrupt(where, "is not an object");
        }
        return map;
    }

    static List<String> stringList(String where, JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode value : node.values()) {
                if (!value.isString()) {
                    throw corrupt(where, "contains a non-string value");
                }
                list.add(value.stringValue());
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw corrupt(where, "is not an array");
        }
        return list;
    }

    /** A string field; missing or null is empty. */
    static String string(String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw corrupt(where, "field '" + field + "' is not a string");
        }
        return value.stringValue();
    }

    /** An integral field; missing or null is 0 (kopia omits zeros). */
    static long number(String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw corrupt(where, "field '" + field + "' is not an integer: " + value);
        }
        return value.longValue();
    }

    static Optional<Instant> optionalTime(String where, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw corrupt(where, "field '" + field + "' is not a timestamp string");
        }
        try {
            return Optional.of(KopiaTimestamp.parse(value.stringValue()));
        } catch (DateTimeException e) {
            throw corrupt(where, "field '" + field + "' is not an RFC 3339 timestamp: '" + value.stringValue() + "'");
        }
    }

    /**
     * Parses kopia's mode string like Go's {@code strconv.ParseInt(s, 0, 32)}: {@code 0x} hex, {@code 0o} or a
     * leading {@code 0} octal, {@code 0b} binary, otherwise decimal.
     */
    static long mode(String where, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isString()) {
            throw corrupt(where, "mode is not a string: " + node);
        }
        String text = node.stringValue();
        try {
            String digits = text;
            int radix = 10;
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("0x")) {
                radix = 16;
                digits = text.substring(2).replace("_", "");
            } else if (lower.startsWith("0o")) {
                radix = 8;
                digits = text.substring(2).replace("_", "");
            } else if (lower.startsWith("0b")) {
                radix = 2;
                digits = text.substring(2).replace("_", "");
            } else if (text.length() > 1 && text.startsWith("0")) {
                radix = 8;
                digits = text.substring(1).replace("_", "");
            }
            long bits = Long.parseLong(digits, radix);
            if (bits < 0 || bits > Integer.MAX_VALUE) {
                throw new NumberFormatException("out of range");
            }
            return bits;
        } catch (NumberFormatException e) {
            throw corrupt(where, "has an invalid mode '" + text + "'");
        }
    }

    static RewindException corrupt(String where, String what) {
        return new RewindException(Reason.CORRUPT, where + " " + what);
    }
}
