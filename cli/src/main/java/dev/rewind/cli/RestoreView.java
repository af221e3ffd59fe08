package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.restore.RestoreOutcome;
import dev.rewind.restore.RestorePlan;
import dev.rewind.restore.RestoreResult;
import dev.rewind.verify.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code rewind restore}: the outcome with per-phase durations, or (dry run) the plan with its manifests. */
record RestoreView(String app, String namespace, boolean dryRun, String outcome, Optional<String> reason,
                   Optional<String> message, String phase, String snapshotId, Optional<String> snapshotStartTime,
                   Optional<String> safetySnapshot, Map<String, Duration> durations, Duration recoveryTime,
                   List<String> steps, List<Map<String, Object>> manifests) implements View {

    static RestoreView of(RestoreResult result) {
        String outcome = switch (result.outcome()) {
            case RestoreOutcome.Succeeded s -> result.dryRun() ? "PLANNED" : "SUCCEEDED";
            case RestoreOutcome.Failed f -> "FAILED";
            case RestoreOutcome.RolledBack r -> "ROLLED_BACK";
            case RestoreOutcome.Interrupted i -> "INTERRUPTED";
        };
        Optional<String> reason = switch (result.outcome()) {
            case RestoreOutcome.Succeeded s -> Optional.empty();
            case RestoreOutcome.Failed f -> Optional.of(f.reason().name());
            case RestoreOutcome.RolledBack r -> Optional.of(r.reason().name());
            case RestoreOutcome.Interrupted i -> Optional.of(i.reason().name());
        };
        Optional<String> message = switch (result.outcome()) {
            case RestoreOutcome.Succeeded s -> Optional.empty();
            case RestoreOutcome.Failed f -> Optional.of(f.message());
            case RestoreOutcome.RolledBack r -> Optional.of(r.message());
            case RestoreOutcome.Interrupted i -> Optional.of(i.message() + " (complete it with --resume or --abort)");
        };
        Map<String, Duration> durations = new LinkedHashMap<>();
        result.durations().forEach((phase, took) -> durations.put(phase.name(), took));
        Optional<RestorePlan> plan = result.plan();
        return new RestoreView(result.app(), result.namespace(), result.dryRun(), outcome, reason, message,
                result.lastPhase().name(), result.snapshotId(), plan.map(p -> p.snapshot().startTimeText()),
                result.safetySnapshot(), durations, result.recoveryTime(),
                plan.map(p -> p.steps().stream().map(s -> s.phase() + ": " + s.action()).toList()).orElse(List.of()),
                result.dryRun() ? plan.map(p -> p.manifests().stream().map(m -> m.document()).toList()).orElse(List.of())
                        : List.of());
    }

    @Override
    public String kind() {
        return dryRun ? "RestorePlan" : "RestoreResult";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("app", namespace + "/" + app));
        rows.add(List.of("outcome", outcome + reason.map(r -> " (" + r + ")").orElse("")));
        message.ifPresent(m -> rows.add(List.of("why", m)));
        rows.add(List.of("snapshot", snapshotId + snapshotStartTime.map(t -> " started " + t).orElse("")));
        safetySnapshot.ifPresent(s -> rows.add(List.of("safety snapshot", s)));
        steps.forEach(s -> rows.add(List.of("step", s)));
        durations.forEach((phase, took) -> rows.add(List.of(phase, Durations.text(took))));
        if (!dryRun) {
            rows.add(List.of("recovery time", Durations.text(recoveryTime)));
        }
        return new Table(List.of("FIELD", "VALUE"), rows);
    }
}
