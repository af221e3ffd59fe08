package dev.rewind.kopia.format;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed, tolerant reads of the JSON found in Kopia's format blobs: unknown fields are ignored, a missing field takes
 * Go's zero value (Kopia's structs decode the same way), a field of the wrong type is {@link Reason#CORRUPT} naming
 * the blob and the field.
 */
final class FormatJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonNode node;
    private final String what;

    private FormatJson(JsonNode node, String what) {
        this.node = node;
        this.what = what;
    }

    /** Parses a JSON object; {@code what} names the blob for messages. */
    static FormatJson parse(byte[] bytes, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new RewindException(Reason.CORRUPT, what + " is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new RewindException(Reason.CORRUPT, what + " is not a JSON object");
        }
        return new FormatJson(root, what);
    }

    /** A nested object, if present and not null. */
    Optional<FormatJson> object(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isObject()) {
            throw wrongType(field, "an object");
        }
        return Optional.of(new FormatJson(child, what));
    }

    JsonNode raw(String field) {
        JsonNode child = node.get(field);
        return child == null ? MAPPER.missingNode() : child;
    }

    boolean has(String field) {
        JsonNode child = node.get(field);
        return child != null && !child.isNull();
    }

    String string(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return "";
        }
        if (!child.isString()) {
            throw wrongType(field, "a string");
        }
        return child.stringValue();
    }

    long integer(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return 0;
        }
        if (!child.isIntegralNumber() || !child.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return child.longValue();
    }

    int int32(String field) {
        long value = integer(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw wrongType(field, "a 32-bit integer");
        }
        return (int) value;
    }

    boolean bool(String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            return false;
        }
        if (!child.isBoolean()) {
            throw wrongType(field, "a boolean");
        }
        return child.booleanValue();
    }

    /** A Go {@code []byte}: standard base64, padded; CR/LF (which Go skips) are removed first. */
    byte[] bytes(String field) {
        String text = string(field).replaceAll("[\\r\\n]", "");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new RewindException(Reason.CORRUPT, what + ": field '" + field + "' is not valid base64");
        }
    }

    String what() {
        return what;
    }

    private RewindException wrongType(String field, String expected) {
        return new RewindException(Reason.CORRUPT, what + ": field '" + field + "' is not " + expected);
    }
}
