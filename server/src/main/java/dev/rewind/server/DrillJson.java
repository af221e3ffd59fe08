package dev.rewind.server;

import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drill results in the JSON API: {@code "drills"} in {@code /api/v1/status} (the newest result per app and
 * generation, plus {@code nextRunAt}) and {@code GET /api/v1/drills} (the history, newest first). Times are
 * ISO-8601 UTC strings, durations in seconds, absent values omitted.
 */
final class DrillJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DrillJson() {
    }

    /** {@code {"scheduled", "nextRunAt", "latest": [...]}}. */
    static ObjectNode status(Verifications v) {
        ObjectNode node = JSON.createObjectNode();
        var next = v.scheduler().nextDrillAt();
        node.put("scheduled", next.isPresent());
        next.ifPresent(at -> node.put("nextRunAt", at.toString()));
        ArrayNode latest = node.putArray("latest");
        for (DrillResult r : v.drills().latest()) {
            ObjectNode item = result(r);
            v.drills().latestPassed(DrillBoard.keyOf(r)).ifPresent(p -> item.put("lastSuccessAt",
                    p.finishedAt().toString()));
            latest.add(item);
        }
        return node;
    }

    /** {@code {"drills": [...]}}: the history, newest first. */
    static ObjectNode history(DrillBoard board) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode all = node.putArray("drills");
        board.history().forEach(r -> all.add(result(r)));
        return node;
    }

    static ObjectNode result(DrillResult r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("app", r.app());
        node.put("namespace", r.namespace());
        node.put("generation", r.generation().label());
        node.put("outcome", r.passed() ? "passed" : "failed");
        if (r.outcome() instanceof DrillOutcome.Failed f) {
            node.put("failedPhase", f.phase().name());
            node.put("reason", f.reason().name());
            node.put("message", f.message());
        }
        r.snapshot().ifPresent(s -> {
            node.put("snapshotId", s.id());
            node.put("snapshotStartTime", s.startTimeText());
        });
        r.selectionNote().ifPresent(n -> node.put("note", n));
        node.put("startedAt", r.startedAt().toString());
        node.put("finishedAt", r.finishedAt().toString());
        r.timeToRestore().ifPresent(t -> node.put("timeToRestoreSeconds", t.toNanos() / 1e9));
        r.expected().ifPresent(c -> {
            node.put("expectedFiles", c.files());
            node.put("expectedBytes", c.sizeBytes());
        });
        r.found().ifPresent(c -> {
            node.put("foundFiles", c.files());
            node.put("foundBytes", c.sizeBytes());
        });
        if (r.checkCommandExit().isPresent()) {
            node.put("checkCommandExit", r.checkCommandExit().getAsInt());
        }
        if (!r.cleanupProblems().isEmpty()) {
            ArrayNode problems = node.putArray("cleanupProblems");
            r.cleanupProblems().forEach(problems::add);
        }
        return node;
    }
}
