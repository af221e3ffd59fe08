package dev.rewind.kopia.object;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The validated seek table of an indirect object (kopia-format.md §7.2–§7.3), parsed by hand from the JSON
 * {@code {"stream":"kopia:indirect","entries":[{"l":…,"o":…},{"s":…,"l":…,"o":…},…]}}.
 *
 * <p>Invariants checked on parse (violations are {@link Reason#CORRUPT} naming the indirect object): the stream
 * type is {@code kopia:indirect}; the first entry starts at 0; every entry starts where the previous one ended; no
 * length is negative; the total does not overflow. The object's length is therefore the last entry's end.
 *
 * @param object the indirect object this table describes (its id starts with {@code I})
 * @param entries the entries in offset order
 */
public record SeekTable(ObjectId object, List<IndirectEntry> entries) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String STREAM_TYPE = "kopia:indirect";

    public SeekTable {
        Objects.requireNonNull(object, "object");
        entries = List.copyOf(entries);
        long expected = 0;
        for (int i = 0; i < entries.size(); i++) {
            IndirectEntry entry = entries.get(i);
            if (entry.lengthBytes() < 0) {
                throw corrupt(object, "entry " + i + " has negative length " + entry.lengthBytes());
            }
            if (entry.offset() != expected) {
                throw corrupt(object, "entry " + i + " starts at " + entry.offset() + ", expected " + expected
                        + " (entries must be contiguous)");
            }
            if (Long.MAX_VALUE - entry.offset() < entry.lengthBytes()) {
                throw corrupt(object, "entry " + i + " overflows the object length");
            }
            expected = entry.endOffset();
        }
    }

    /** Parses the seek table JSON stored in the index object of {@code object}. */
    public static SeekTable parse(ObjectId object, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw corrupt(object, "seek table is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(object, "seek table is not a JSON object");
        }
        JsonNode stream = root.path("stream");
        if (!stream.isString() || !STREAM_TYPE.equals(stream.stringValue())) {
            throw corrupt(object, "seek table has stream type " + stream + ", expected \"" + STREAM_TYPE + "\"");
        }
        JsonNode entriesNode = root.path("entries");
        if (!entriesNode.isArray()) {
            throw corrupt(object, "seek table has no entries array");
        }
        List<IndirectEntry> entries = new ArrayList<>(entriesNode.size());
        int i = 0;
        for (JsonNode node : entriesNode.values()) {
            if (!node.isObject()) {
                throw corrupt(object, "seek table entry " + i + " is not an object");
            }
            long start = number(object, node, "s", i);
            long length = number(object, node, "l", i);
            JsonNode o = node.path("o");
            if (!o.isString()) {
                throw corrupt(object, "seek table entry " + i + " has no object id");
            }
            ObjectId child;
            try {
                child = ObjectId.parse(o.stringValue());
            } catch (RewindException e) {
                throw corrupt(object, "seek table entry " + i + " has an invalid object id '" + o.stringValue() + "'",
                        e);
            }
            entries.add(new IndirectEntry(start, length, child));
            i++;
        }
        return new SeekTable(object, entries);
    }

    private static long number(ObjectId object, JsonNode entry, String field, int index) {
        JsonNode value = entry.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw corrupt(object, "seek table entry " + index + " has a non-integer '" + field + "'");
        }
        return value.longValue();
    }

    /** The length of the object: the end of the last entry (0 for an empty table). */
    public long totalLengthBytes() {
        return entries.isEmpty() ? 0 : entries.getLast().endOffset();
    }

    /**
     * The index of the entry containing byte {@code offset}, found by binary search over the start offsets;
     * zero-length entries never contain a byte.
     *
     * @throws RewindException {@link Reason#INVALID_INPUT} if {@code offset} is outside {@code [0, length)}
     */
    public int entryIndexAt(long offset) {
        if (offset < 0 || offset >= totalLengthBytes()) {
            throw new RewindException(Reason.INVALID_INPUT,
                    "offset " + offset + " is outside object " + object + " of length " + totalLengthBytes());
        }
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            IndirectEntry entry = entries.get(middle);
            if (offset < entry.offset()) {
                high = middle - 1;
            } else if (offset >= entry.endOffset()) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        throw new IllegalStateException("contiguous seek table of " + object + " has no entry for offset " + offset);
    }

    /** CORRUPT: entry {@code index} of {@code object}'s table points at an object of another length. */
    static RewindException entryLengthMismatch(ObjectId object, int index, IndirectEntry entry, long actual) {
        return corrupt(object, "entry " + index + " (object " + entry.object() + ") has length " + actual
                + " but the seek table says " + entry.lengthBytes());
    }

    static RewindException corrupt(ObjectId object, String what) {
        return new RewindException(Reason.CORRUPT, "object " + object + ": " + what);
    }

    static RewindException corrupt(ObjectId object, String what, Throwable cause) {
        return new RewindException(Reason.CORRUPT, "object " + object + ": " + what, cause);
    }
}
