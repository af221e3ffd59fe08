package dev.rewind.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only JSON API:
 * <ul>
 *   <li>{@code GET /api/v1/status}: {@code {"generatedAt", "targets": [{"name", "type", "healthy", "checks":
 *       [{"check", "scheduled", "nextRunAt", "lastSuccessAt", "lastRun": {run summary}}]}]}}; {@code healthy} is
 *       false when the newest run of any check of the target was not healthy. With a cluster configured, also
 *       {@code "discovery": {"healthy", "lastAttemptAt", "lastSuccessAt", "failure", "apps", "archives",
 *       "skipped": [why an app or cluster is not a target]}}.</li>
 *   <li>{@code drills} in the status: the scheduled restore drills ({@link DrillJson}); {@code GET /api/v1/drills}:
 *       their history.</li>
 *   <li>{@code GET /api/v1/runs/{id}}: one run with its findings; 404 when unknown or dropped from the bounded
 *       history.</li>
 * </ul>
 * Times are ISO-8601 UTC strings; absent values are omitted.
 */
final class ApiHandler implements HttpHandler {
    static final String PREFIX = "/api/v1/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final Verifications verifications;

    ApiHandler(Verifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!HttpReply.allowGet(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(PREFIX + "status")) {
                HttpReply.send(exchange, 200, CONTENT_TYPE, JSON.writeValueAsString(status()));
                return;
            }
            if (path.equals(PREFIX + "drills")) {
                HttpReply.send(exchange, 200, CONTENT_TYPE,
                        JSON.writeValueAsString(DrillJson.history(verifications.drills())));
                return;
            }
            if (path.startsWith(PREFIX + "runs/")) {
                Optional<Run> run = RunId.parse(path.substring((PREFIX + "runs/").length()))
                        .flatMap(verifications.runs()::find);
                if (run.isPresent()) {
                    HttpReply.send(exchange, 200, CONTENT_TYPE, JSON.writeValueAsString(run(run.get(), true)));
                    return;
                }
            }
            ObjectNode error = JSON.createObjectNode();
            error.put("error", "not found");
            HttpReply.send(exchange, 404, CONTENT_TYPE, JSON.writeValueAsString(error));
        }
    }

    ObjectNode status() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generatedAt", verifications.clock().instant().toString());
        ArrayNode targets = root.putArray("targets");
        ObjectNode target = null;
        for (Verifications.CheckRow row : verifications.rows()) {
            if (target == null || !target.get("name").asString().equals(row.target().value())) {
                target = targets.addObject();
                target.put("name", row.target().value());
                target.put("type", row.type());
                target.put("healthy", true);
                target.putArray("checks");
            }
            ObjectNode check = ((ArrayNode) target.get("checks")).addObject();
            check.put("check", row.kind().label());
            check.put("scheduled", row.nextRunAt().isPresent());
            row.nextRunAt().ifPresent(at -> check.put("nextRunAt", at.toString()));
            row.lastHealthyRun().ifPresent(run -> check.put("lastSuccessAt", run.finishedAt().toString()));
            if (row.lastRun().isPresent()) {
                check.set("lastRun", run(row.lastRun().get(), false));
                if (!row.lastRun().get().outcome().healthy()) {
                    target.put("healthy", false);
                }
            }
        }
        root.set("drills", DrillJson.status(verifications));
        verifications.discovery().ifPresent(d -> {
            ObjectNode discovery = root.putObject("discovery");
            discovery.put("healthy", d.healthy());
            putTime(discovery, "lastAttemptAt", d.lastAttemptAt());
            putTime(discovery, "lastSuccessAt", d.lastSuccessAt());
            d.failure().ifPresent(f -> discovery.put("failure", f));
            discovery.put("apps", d.apps());
            discovery.put("archives", d.archives());
            ArrayNode skipped = discovery.putArray("skipped");
            d.problems().forEach(skipped::add);
        });
        return root;
    }

    private static ObjectNode run(Run run, boolean withFindings) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", run.id().value());
        node.put("target", run.target().value());
        node.put("check", run.kind().label());
        node.put("outcome", run.outcome().label());
        node.put("startedAt", run.startedAt().toString());
        node.put("finishedAt", run.finishedAt().toString());
        node.put("durationSeconds", run.duration().toNanos() / 1e9);
        run.error().ifPresent(e -> node.put("error", e));
        ObjectNode counts = node.putObject("findingCounts");
        for (FindingSeverity severity : FindingSeverity.values()) {
            counts.put(severity.label(), run.count(severity));
        }
        node.put("suppressedFindings", run.suppressedFindings());
        ObjectNode observed = node.putObject("observations");
        putTime(observed, "newestSnapshotAt", run.observations().newestSnapshotAt());
        putTime(observed, "recoveryWindowStartAt", run.observations().windowStartAt());
        putTime(observed, "recoveryWindowEndAt", run.observations().windowEndAt());
        putTime(observed, "newestWalAt", run.observations().newestWalAt());
        if (withFindings) {
            ArrayNode findings = node.putArray("findings");
            for (RunFinding f : run.findings()) {
                ObjectNode finding = findings.addObject();
                finding.put("severity", f.severity().label());
                finding.put("kind", f.kind());
                finding.put("subject", f.subject());
                finding.put("reason", f.reason());
            }
        }
        return node;
    }

    private static void putTime(ObjectNode node, String name, Optional<Instant> at) {
        at.ifPresent(value -> node.put(name, value.toString()));
    }
}
