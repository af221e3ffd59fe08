package dev.rewind.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class RendererTest {
    record SnapshotRow(String id, Instant takenAt, long sizeBytes) {
    }

    record SnapshotListView(String app, List<SnapshotRow> items) implements View {
        @Override
        public String kind() {
            return "SnapshotList";
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        public Table table() {
            return new Table(List.of("id", "taken at", "size"), items.stream()
                    .map(row -> List.of(row.id(), row.takenAt().toString(), Long.toString(row.sizeBytes())))
                    .toList());
        }
    }

    private final SnapshotListView view = new SnapshotListView("paperless", List.of(
            new SnapshotRow("k0a1b2c3", Instant.parse("2026-11-30T02:00:00Z"), 1_234_567_890L),
            new SnapshotRow("kff", Instant.parse("2026-11-29T02:00:00Z"), 7L)));

    @Test
    void jsonStartsWithKindAndVersionAndKeepsTypes() {
        String json = render(OutputFormat.JSON);

        JsonNode tree = JsonMapper.shared().readTree(json);
        assertThat(tree.propertyNames()).containsExactly("kind", "version", "app", "items");
        assertThat(tree.get("kind").asString()).isEqualTo("SnapshotList");
        assertThat(tree.get("version").asString()).isEqualTo("v1");
        assertThat(tree.at("/items/0/takenAt").asString()).isEqualTo("2026-11-30T02:00:00Z");
        assertThat(tree.at("/items/0/sizeBytes").isNumber()).isTrue();
        assertThat(tree.at("/items/0/sizeBytes").asLong()).isEqualTo(1_234_567_890L);
        assertThat(tree.has("table")).isFalse();
    }

    @Test
    void yamlCarriesKindAndVersionWithoutDocumentMarker() {
        String yaml = render(OutputFormat.YAML);

        assertThat(yaml).startsWith("kind: SnapshotList\nversion: v1\napp: paperless\n");
        JsonNode tree = new YAMLMapper().readTree(yaml);
        assertThat(tree.at("/items/1/id").asString()).isEqualTo("kff");
        assertThat(tree.at("/items/1/takenAt").asString()).isEqualTo("2026-11-29T02:00:00Z");
    }

    @Test
    void tableAlignsColumnsUnderUpperCaseHeaders() {
        String table = render(OutputFormat.TABLE);

        assertThat(table.lines().toList()).containsExactly(
                "ID        TAKEN AT              SIZE",
                "k0a1b2c3  2026-11-30T02:00:00Z  1234567890",
                "kff       2026-11-29T02:00:00Z  7");
    }

    @Test
    void emptyTablePrintsOnlyTheHeader() {
        String table = render(new SnapshotListView("paperless", List.of()), OutputFormat.TABLE);

        assertThat(table.lines().toList()).containsExactly("ID  TAKEN AT  SIZE");
    }

    @Test
    void tableRowsMustMatchTheHeaders() {
        assertThatThrownBy(() -> new Table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table row 0 has 1 cells, expected 2 (a, b)");
    }

    private String render(OutputFormat format) {
        return render(view, format);
    }

    private static String render(View view, OutputFormat format) {
        var text = new StringWriter();
        format.renderer().render(view, new PrintWriter(text));
        return text.toString();
    }
}
