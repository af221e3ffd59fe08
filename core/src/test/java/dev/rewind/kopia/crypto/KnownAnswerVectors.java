package dev.rewind.kopia.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test support: the known-answer vectors of {@code /kopia/vectors.json} (copied from the shared reference data;
 * kopia-format.md §9), with decoding of their {@code hex}/{@code base64}/{@code ascii} values.
 */
public final class KnownAnswerVectors {
    private static final JsonNode ROOT = load();

    private KnownAnswerVectors() {
    }

    /** One vector. */
    public record Vector(String name, String algorithm, String status, JsonNode node) {
        public boolean hasInput(String field) {
            return node.path("inputs").path(field).has("value");
        }

        public byte[] input(String field) {
            return decode(node.path("inputs").path(field), name + " input " + field);
        }

        public byte[] expected(String field) {
            return decode(node.path("expected").path(field), name + " expected " + field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The vector named {@code name}. */
    public static Vector named(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vector " + name));
    }

    /** Every vector whose name starts with {@code prefix}. */
    public static List<Vector> startingWith(String prefix) {
        return all().stream().filter(v -> v.name().startsWith(prefix)).toList();
    }

    public static List<Vector> all() {
        List<Vector> out = new ArrayList<>();
        for (JsonNode n : ROOT) {
            out.add(new Vector(n.get("name").stringValue(), n.path("algorithm").asString(),
                    n.path("status").asString(), n));
        }
        return out;
    }

    /** Bytes of a test resource. */
    public static byte[] resource(String path) {
        try (InputStream in = KnownAnswerVectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON test resource as a tree. */
    public static JsonNode jsonResource(String path) {
        return JsonMapper.builder().build().readTree(resource(path));
    }

    private static byte[] decode(JsonNode value, String what) {
        if (!value.has("value")) {
            throw new IllegalArgumentException(what + " has no inline value");
        }
        String text = value.get("value").stringValue();
        return switch (value.get("encoding").stringValue()) {
            case "hex" -> HexFormat.of().parseHex(text);
            case "base64" -> Base64.getDecoder().decode(text);
            case "ascii" -> text.getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalArgumentException(what + ": unknown encoding");
        };
    }

    private static JsonNode load() {
        return JsonMapper.builder().build().readTree(new String(resource("/kopia/vectors.json"),
                StandardCharsets.UTF_8));
    }
}
