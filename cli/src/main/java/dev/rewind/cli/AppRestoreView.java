package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.restore.wholeapp.AppRestorePlan;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rewind restore --with-database}: the outcome with the new cluster and the notes, or (dry run) the whole plan
 * with its consistency report, connection switch and manifests.
 */
record AppRestoreView(String app, String namespace, boolean dryRun, String outcome, Optional<String> reason,
                      Optional<String> message, String phase, String newCluster, Optional<String> volumeOutcome,
                      List<String> notes, Optional<Map<String, Object>> plan) implements View {

    static AppRestoreView of(AppRestoreResult result) {
        RestoreView outcome = RestoreView.of(new dev.rewind.restore.RestoreResult(result.app(), result.namespace(),
                Optional.empty(), result.outcome(), dev.rewind.restore.RestorePhase.PREFLIGHT, Map.of(), "",
                Optional.empty(), result.dryRun()));
        return new AppRestoreView(result.app(), result.namespace(), result.dryRun(), outcome.outcome(),
                outcome.reason(), outcome.message(), result.lastPhase().name(), result.newCluster(),
                result.volume().map(v -> v.outcome().getClass().getSimpleName()), result.notes(),
                result.plan().map(AppRestorePlan::view));
    }

    /** The exit code that tells the truth about how the run ended. */
    static int exitCode(AppRestoreResult result) {
        return RestoreExitCode.of(result.outcome());
    }

    @Override
    public String kind() {
        return dryRun ? "AppRestorePlan" : "AppRestoreResult";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("app", namespace + "/" + app));
        rows.add(List.of("outcome", outcome + reason.map(r -> " (" + r + ")").orElse("")));
        message.ifPresent(m -> rows.add(List.of("why", m)));
        rows.add(List.of("stage", phase));
        rows.add(List.of("new cluster", newCluster));
        volumeOutcome.ifPresent(v -> rows.add(List.of("volume restore", v)));
        plan.ifPresent(p -> {
            Map<String, Object> c = (Map<String, Object>) p.get("consistency");
            rows.add(List.of("volume snapshot", String.valueOf(c.get("volumeSnapshotAt"))));
            rows.add(List.of("target", String.valueOf(c.get("targetAt"))));
            rows.add(List.of("gap", c.get("gapSeconds") + " s"));
            rows.add(List.of("recovery window", String.valueOf(c.getOrDefault("recoveryWindow", "empty"))));
            rows.add(List.of("base backup", String.valueOf(c.get("baseBackupId"))));
            rows.add(List.of("WAL gaps", String.valueOf(c.get("walGaps"))));
            rows.add(List.of("verdict", String.valueOf(c.get("verdict"))));
            Map<String, Object> sw = (Map<String, Object>) p.get("connection");
            ((List<Map<String, Object>>) sw.get("changes")).forEach(ch -> rows.add(List.of("switch",
                    ch.get("location") + ": " + ch.get("fromHost") + " → " + ch.get("toHost"))));
            ((List<String>) sw.get("warnings")).forEach(w -> rows.add(List.of("warning", w)));
            ((List<String>) sw.get("gitChange")).forEach(g -> rows.add(List.of("git change", g)));
            ((List<Map<String, Object>>) p.get("steps")).forEach(s -> rows.add(List.of("step",
                    s.get("phase") + ": " + s.get("action"))));
        });
        notes.forEach(n -> rows.add(List.of("note", n)));
        return new Table(List.of("FIELD", "VALUE"), rows);
    }
}
