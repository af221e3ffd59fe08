package dev.rewind.cli.output;

import java.util.List;
import java.util.Objects;

/**
 * Rows of text under column headers, printed with aligned columns by {@link TableRenderer}.
 *
 * @param headers column names, non-empty
 * @param rows    each row has exactly one cell per header
 */
public record Table(List<String> headers, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != headers.size()) {
                throw new IllegalArgumentException("table row " + i + " has " + rows.get(i).size()
                        + " cells, expected " + headers.size() + " (" + String.join(", ", headers) + ")");
            }
        }
    }

    /** A table of a single row, for views of one thing. */
    public static Table ofRow(List<String> headers, List<String> row) {
        return new Table(headers, List.of(Objects.requireNonNull(row, "row")));
    }
}
