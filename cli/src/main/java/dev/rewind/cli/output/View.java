package dev.rewind.cli.output;

/**
 * What a command prints on stdout: a record built from a core result. In JSON and YAML the document starts with
 * {@code kind} and {@code version}, followed by the record's components (Instants as RFC 3339 UTC strings, sizes as
 * byte numbers). In the table format it prints {@link #table()}.
 *
 * <p>Example:
 * <pre>{@code
 * record SnapshotListView(String app, List<SnapshotRow> items) implements View {
 *     public String kind() { return "SnapshotList"; }
 *     public String version() { return "v1"; }
 *     public Table table() { ... }
 * }
 * }</pre>
 * Bump {@link #version()} when a field is renamed or removed; adding a field is compatible.
 */
public interface View {
    /** The document type, UpperCamelCase, e.g. {@code SnapshotList}. */
    String kind();

    /** The schema version of this kind, e.g. {@code v1}. */
    String version();

    /** The human form of this view. */
    Table table();
}
