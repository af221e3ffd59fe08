package dev.rewind.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints upper-case headers and the rows of {@link View#table()} in columns separated by at least two spaces. */
public final class TableRenderer implements Renderer {
    private static final String GAP = "  ";

    @Override
    public void render(View view, PrintWriter out) {
        Table table = view.table();
        int[] widths = new int[table.headers().size()];
        List<String> headers = table.headers().stream().map(h -> h.toUpperCase(Locale.ROOT)).toList();
        widen(widths, headers);
        table.rows().forEach(row -> widen(widths, row));
        printRow(out, widths, headers);
        table.rows().forEach(row -> printRow(out, widths, row));
        out.flush();
    }

    private static void widen(int[] widths, List<String> cells) {
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], cells.get(i).length());
        }
    }

    private static void printRow(PrintWriter out, int[] widths, List<String> cells) {
        var line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < widths.length - 1) {
                line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
