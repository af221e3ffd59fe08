package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.drill.DrillCounts;
import dev.rewind.drill.DrillOutcome;
import dev.rewind.drill.DrillResult;
import dev.rewind.verify.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code rewind drill}: the outcome, the snapshot, expected vs found counts, the time to restore. */
record DrillView(String app, String namespace, String sandboxNamespace, String generation, String outcome,
                 Optional<String> failedPhase, Optional<String> reason, Optional<String> message,
                 Optional<String> snapshotId, Optional<String> snapshotStartTime, Optional<String> selectionNote,
                 String startedAt, Optional<Duration> timeToRestore, Optional<Long> expectedFiles,
                 Optional<Long> expectedBytes, Optional<Long> foundFiles, Optional<Long> foundBytes,
                 Optional<Integer> checkCommandExit, Map<String, Duration> durations, List<String> cleanupProblems)
        implements View {

    static DrillView of(DrillResult r) {
        Optional<DrillOutcome.Failed> failed = switch (r.outcome()) {
            case DrillOutcome.Passed p -> Optional.empty();
            case DrillOutcome.Failed f -> Optional.of(f);
        };
        Map<String, Duration> durations = new LinkedHashMap<>();
        r.durations().forEach((phase, took) -> durations.put(phase.name(), took));
        return new DrillView(r.app(), r.namespace(), r.sandboxNamespace(), r.generation().label(),
                r.passed() ? "PASSED" : "FAILED", failed.map(f -> f.phase().name()),
                failed.map(f -> f.reason().name()), failed.map(DrillOutcome.Failed::message),
                r.snapshot().map(s -> s.id()), r.snapshot().map(s -> s.startTimeText()), r.selectionNote(),
                r.startedAt().toString(), r.timeToRestore(), r.expected().map(DrillCounts::files),
                r.expected().map(DrillCounts::sizeBytes), r.found().map(DrillCounts::files),
                r.found().map(DrillCounts::sizeBytes),
                r.checkCommandExit().isPresent() ? Optional.of(r.checkCommandExit().getAsInt()) : Optional.empty(),
                durations, r.cleanupProblems());
    }

    @Override
    public String kind() {
        return "DrillResult";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("app", namespace + "/" + app));
        rows.add(List.of("outcome", outcome + failedPhase.map(p -> " in " + p).orElse("")
                + reason.map(x -> " (" + x + ")").orElse("")));
        message.ifPresent(m -> rows.add(List.of("why", m)));
        rows.add(List.of("generation", generation));
        snapshotId.ifPresent(id -> rows.add(List.of("snapshot", id + snapshotStartTime.map(t -> " started " + t)
                .orElse(""))));
        selectionNote.ifPresent(n -> rows.add(List.of("note", n)));
        expectedFiles.ifPresent(files -> rows.add(List.of("expected", files + " files, "
                + expectedBytes.orElse(0L) + " bytes")));
        foundFiles.ifPresent(files -> rows.add(List.of("found", files + " files, " + foundBytes.orElse(0L)
                + " bytes")));
        checkCommandExit.ifPresent(exit -> rows.add(List.of("check command", "exit " + exit)));
        timeToRestore.ifPresent(t -> rows.add(List.of("time to restore", Durations.text(t))));
        durations.forEach((phase, took) -> rows.add(List.of(phase, Durations.text(took))));
        cleanupProblems.forEach(p -> rows.add(List.of("not cleaned up", p)));
        rows.add(List.of("sandbox", sandboxNamespace));
        return new Table(List.of("FIELD", "VALUE"), rows);
    }
}
