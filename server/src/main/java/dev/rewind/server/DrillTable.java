package dev.rewind.server;

import dev.rewind.drill.DrillCounts;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillResult;
import dev.rewind.verify.Durations;
import java.time.temporal.ChronoUnit;

/**
 * The restore drills section of the {@link StatusPage}: one row per app and generation
 * ({@code <tr class="drill" data-app=… data-generation=… data-outcome=passed|failed>}) with the snapshot, expected
 * and found files, the time to restore and why it failed. Empty when no drill ran. Every value HTML-escaped.
 */
final class DrillTable {
    private DrillTable() {
    }

    static String html(DrillBoard board) {
        var latest = board.latest();
        if (latest.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(2048);
        html.append("<h2>Restore drills</h2>\n<table id=\"drills\"><thead><tr><th>App</th><th>Generation</th>"
                + "<th>Outcome</th><th>Snapshot</th><th>Files (snapshot / restored)</th><th>Time to restore</th>"
                + "<th>Finished</th><th>Why</th></tr></thead><tbody>\n");
        for (DrillResult r : latest) {
            String outcome = r.passed() ? "passed" : "failed";
            html.append("<tr class=\"drill\" data-app=\"").append(StatusPage.escape(r.namespace() + "/" + r.app()))
                    .append("\" data-generation=\"").append(r.generation().label())
                    .append("\" data-outcome=\"").append(outcome).append("\">")
                    .append(cell(r.namespace() + "/" + r.app())).append(cell(r.generation().label()))
                    .append("<td class=\"").append(r.passed() ? "healthy" : "failing").append("\">").append(outcome)
                    .append("</td>")
                    .append(cell(r.snapshot().map(s -> s.id() + " (" + s.startTimeText() + ")").orElse("")))
                    .append(cell(r.expected().map(DrillCounts::files).map(String::valueOf).orElse("?") + " / "
                            + r.found().map(DrillCounts::files).map(String::valueOf).orElse("?")))
                    .append(cell(r.timeToRestore().map(Durations::text).orElse("")))
                    .append(cell(r.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .append(cell(r.outcome() instanceof DrillOutcome.Failed f
                            ? f.phase() + ": " + f.message() : ""))
                    .append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        return html.toString();
    }

    private static String cell(String text) {
        return "<td>" + StatusPage.escape(text) + "</td>";
    }
}
