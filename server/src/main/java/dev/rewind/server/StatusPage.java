package dev.rewind.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The read-only HTML status page at {@code /}: one server-rendered page, no script, no front-end framework, every
 * value HTML-escaped. One row per check of every target ({@code <tr class="check" data-target=… data-outcome=…>})
 * with its last outcome, findings by severity, last success and next run; a run links to
 * {@code /api/v1/runs/{id}}. The page reloads itself every 60 s ({@code meta refresh}).
 */
final class StatusPage implements HttpHandler {
    private final Verifications verifications;

    StatusPage(Verifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!HttpReply.allowGetOf(exchange, "/")) {
                return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            HttpReply.send(exchange, 200, "text/html; charset=utf-8", render());
        }
    }

    String render() {
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="60">
                <title>rewind status</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
                .healthy{color:#176f2c}.failing,.error{color:#b00020;font-weight:bold}.never{color:#777}
                </style></head><body>
                <h1>rewind status</h1>
                """);
        html.append("<p>Generated ").append(escape(time(verifications.clock().instant())))
                .append(" &middot; <a href=\"/api/v1/status\">JSON</a> &middot; <a href=\"/metrics\">metrics</a></p>\n");
        var rows = verifications.rows();
        if (rows.isEmpty()) {
            html.append("<p id=\"no-targets\">No targets configured.</p>\n");
        } else {
            html.append("<table id=\"checks\"><thead><tr><th>Target</th><th>Type</th><th>Check</th><th>Outcome</th>"
                    + "<th>Errors</th><th>Warnings</th><th>Last run</th><th>Last success</th><th>Next run</th>"
                    + "<th>Detail</th></tr></thead><tbody>\n");
            for (Verifications.CheckRow row : rows) {
                String outcome = row.lastRun().map(run -> run.outcome().label()).orElse("never");
                html.append("<tr class=\"check\" data-target=\"").append(escape(row.target().value()))
                        .append("\" data-check=\"").append(row.kind().label())
                        .append("\" data-outcome=\"").append(outcome).append("\">")
                        .append(cell(row.target().value())).append(cell(row.type())).append(cell(row.kind().label()))
                        .append("<td class=\"").append(outcome).append("\">").append(outcome).append("</td>")
                        .append(cell(row.lastRun().map(r -> Long.toString(r.count(FindingSeverity.ERROR))).orElse("")))
                        .append(cell(row.lastRun().map(r -> Long.toString(r.count(FindingSeverity.WARNING))).orElse("")))
                        .append(cell(row.lastRun().map(r -> time(r.finishedAt())).orElse("never")))
                        .append(cell(row.lastHealthyRun().map(r -> time(r.finishedAt())).orElse("never")))
                        .append(cell(row.nextRunAt().map(StatusPage::time).orElse("not scheduled")))
                        .append("<td>");
                row.lastRun().ifPresent(run -> {
                    html.append("<a href=\"/api/v1/runs/").append(run.id()).append("\">run ").append(run.id())
                            .append("</a>");
                    run.error().ifPresent(e -> html.append(" ").append(escape(e)));
                    run.findings().stream().filter(f -> f.severity() == FindingSeverity.ERROR).findFirst()
                            .ifPresent(f -> html.append(" ").append(escape(f.reason())));
                });
                html.append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        html.append(DrillTable.html(verifications.drills()));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
