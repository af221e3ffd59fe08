package dev.rewind.cnpg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;

/**
 * A Kubernetes object rewind creates (a recovery {@code Cluster}, a {@code Backup}), as the plain document tree
 * ({@code Map}/{@code List}/scalars in manifest order) that is both rendered as YAML for a Git commit and sent to
 * the API server. Holds no secrets: CNPG manifests only reference Secrets by name.
 *
 * @param document the whole object: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}
 */
public record Manifest(Map<String, Object> document) {
    /**
     * Quotes, besides what Jackson quotes (numbers, booleans, null, special characters), anything that looks like a
     * YAML 1.1 date or timestamp: Kubernetes' YAML decoder would otherwise turn {@code targetTime} or an annotation
     * into a non-string.
     */
    private static final class KubernetesQuoting extends StringQuotingChecker.Default {
        private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}.*");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || DATE_LIKE.matcher(value).matches();
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .stringQuotingChecker(new KubernetesQuoting())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    public Manifest {
        Objects.requireNonNull(document, "document");
        for (String key : List.of("apiVersion", "kind", "metadata")) {
            if (!document.containsKey(key)) {
                throw new IllegalArgumentException("manifest has no " + key);
            }
        }
        document = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    /** Starts a document with {@code apiVersion}, {@code kind} and {@code metadata.name/namespace}. */
    public static Map<String, Object> skeleton(String apiVersion, String kind, String namespace, String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", apiVersion);
        doc.put("kind", kind);
        doc.put("metadata", metadata);
        return doc;
    }

    public String apiVersion() {
        return (String) document.get("apiVersion");
    }

    public String kind() {
        return (String) document.get("kind");
    }

    public String name() {
        return String.valueOf(metadata().get("name"));
    }

    public String namespace() {
        return String.valueOf(metadata().get("namespace"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return (Map<String, Object>) document.get("metadata");
    }

    /** {@code Kind namespace/name}, for messages. */
    public String describe() {
        return kind() + " " + namespace() + "/" + name();
    }

    /** The YAML document (no {@code ---} marker), ready to commit to a GitOps repository. */
    public String toYaml() {
        return YAML.writeValueAsString(document);
    }

    /** Parses one YAML document back into a tree (for tests and for reviewing a committed manifest). */
    public static Manifest parse(String yaml) {
        try {
            return new Manifest(YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { }));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new RewindException(Reason.INVALID_INPUT, "not a Kubernetes manifest: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
