package dev.rewind.storage.fs;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kopia's sharding of blob ids into directories on a filesystem, written by hand after kopia-format.md §4.2
 * (kopia: repo/blob/sharded): ids of at most {@code maxNonShardedLength} characters live in the root; longer ids are
 * cut, for each shard width w in order and while more than w characters remain, into a directory of the next w
 * characters. The first override whose prefix the id starts with replaces the default widths.
 *
 * <p>Read from the repository's {@code .shards} JSON, or {@link #KOPIA_FILESYSTEM_DEFAULT} ([3,3], 20) when the file
 * is absent — kopia would then create the file; a read-only reader just assumes those values.
 */
public record ShardingParameters(List<Integer> defaultShards, int maxNonShardedLength, List<Override> overrides) {
    /** The file holding the parameters in a repository's root. */
    public static final String FILE_NAME = ".shards";

    /** What kopia's filesystem backend assumes without a {@code .shards} file. */
    public static final ShardingParameters KOPIA_FILESYSTEM_DEFAULT =
            new ShardingParameters(List.of(3, 3), 20, List.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Shard widths for blob ids starting with {@code prefix}. */
    public record Override(String prefix, List<Integer> shards) {
        public Override {
            Objects.requireNonNull(prefix, "prefix");
            shards = List.copyOf(shards);
        }
    }

    public ShardingParameters {
        defaultShards = List.copyOf(defaultShards);
        overrides = List.copyOf(overrides);
        if (maxNonShardedLength < 0) {
            throw new IllegalArgumentException("negative maxNonShardedLength " + maxNonShardedLength);
        }
        checkWidths(defaultShards);
        overrides.forEach(o -> checkWidths(o.shards()));
    }

    private static void checkWidths(List<Integer> widths) {
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("shard width must be positive, got " + w);
            }
        }
    }

    /**
     * Parses a {@code .shards} file. Unknown fields are ignored; a missing {@code maxNonShardedLength} is 0 and a
     * missing {@code default} is no sharding, as in kopia's JSON decoding.
     *
     * @param source names the file in error messages
     * @throws StorageException CORRUPT naming {@code source} when the JSON is malformed
     */
    public static ShardingParameters parse(byte[] json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw corrupt(source, "not a JSON object", null);
            }
            List<Integer> defaults = widths(root.get("default"), source);
            JsonNode max = root.get("maxNonShardedLength");
            if (max != null && !max.isNull() && !max.isIntegralNumber()) {
                throw corrupt(source, "maxNonShardedLength is not an integer", null);
            }
            int maxNonSharded = max == null || max.isNull() ? 0 : max.asInt();
            var overrides = new ArrayList<Override>();
            JsonNode list = root.get("overrides");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw corrupt(source, "overrides is not an array", null);
                }
                for (JsonNode o : list) {
                    JsonNode prefix = o.get("prefix");
                    overrides.add(new Override(prefix == null || prefix.isNull() ? "" : prefix.asString(),
                            widths(o.get("shards"), source)));
                }
            }
            return new ShardingParameters(defaults, maxNonSharded, overrides);
        } catch (JacksonException | IllegalArgumentException e) {
            throw corrupt(source, e.getClass().getSimpleName(), e);
        }
    }

    private static List<Integer> widths(JsonNode node, String source) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw corrupt(source, "shard widths are not an array", null);
        }
        var out = new ArrayList<Integer>();
        for (JsonNode w : node) {
            if (!w.isIntegralNumber()) {
                throw corrupt(source, "shard width " + w + " is not an integer", null);
            }
            out.add(w.asInt());
        }
        return out;
    }

    private static StorageException corrupt(String source, String why, Throwable cause) {
        return new StorageException(Reason.CORRUPT, "malformed sharding parameters " + source + ": " + why, false,
                "kopia writes it as {\"default\":[1,3],\"maxNonShardedLength\":20}", cause);
    }

    /** The shard widths that apply to {@code id}. */
    public List<Integer> shardsFor(String id) {
        for (Override o : overrides) {
            if (id.startsWith(o.prefix())) {
                return o.shards();
            }
        }
        return defaultShards;
    }

    /**
     * The path segments of a blob below the root, the last one being the file name with kopia's {@code .f}
     * suffix: {@code p80bffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d} with [1,3] →
     * {@code [p, 80b, ffcc6f9943113ca6c15106a4a620d-sf7bc46f9e28f2be813d.f]}.
     */
    public List<String> segments(BlobId id) {
        String rest = id.value();
        var out = new ArrayList<String>();
        if (rest.length() > maxNonShardedLength) {
            for (int width : shardsFor(rest)) {
                if (rest.length() <= width) {
                    break;
                }
                out.add(rest.substring(0, width));
                rest = rest.substring(width);
            }
        }
        out.add(rest + FilesystemBlobStore.KOPIA_BLOB_SUFFIX);
        return out;
    }

    /** The relative path of a blob, with {@code /} separators. */
    public String relativePath(BlobId id) {
        return String.join("/", segments(id));
    }
}
