package dev.rewind.cli;

import dev.rewind.backup.BackupOutcome;
import dev.rewind.backup.BackupResult;
import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code rewind backup} output (kind {@code BackupList}): one row per app. */
record BackupView(List<Row> backups) implements View {

    /**
     * @param outcome {@code succeeded} or {@code failed}
     * @param reason  the failure's reason (e.g. {@code TIMEOUT}) when failed
     */
    record Row(String namespace, String name, String outcome, Optional<String> tag, Optional<String> snapshotId,
               Optional<Instant> snapshotStartAt, Optional<Long> totalBytes, Optional<String> reason,
               Optional<String> error) {
    }

    static BackupView of(List<BackupOutcome> outcomes) {
        return new BackupView(outcomes.stream().map(o -> switch (o) {
            case BackupOutcome.Succeeded s -> {
                BackupResult r = s.result();
                yield new Row(r.namespace(), r.name(), "succeeded", Optional.of(r.tag()), Optional.of(r.snapshotId()),
                        Optional.of(r.snapshotStartAt()), Optional.of(r.totalBytes()), Optional.empty(),
                        Optional.empty());
            }
            case BackupOutcome.Failed f -> new Row(f.namespace(), f.name(), "failed", Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(f.failure().reason().name()),
                    Optional.of(f.failure().getMessage()));
        }).toList());
    }

    @Override
    public String kind() {
        return "BackupList";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        return new Table(List.of("NAMESPACE", "NAME", "OUTCOME", "SNAPSHOT", "STARTED", "DETAIL"),
                backups.stream().map(r -> List.of(r.namespace(), r.name(), r.outcome(), r.snapshotId().orElse("-"),
                        r.snapshotStartAt().map(Instant::toString).orElse("-"),
                        r.error().orElse(r.tag().map(t -> "tag " + t).orElse("")))).toList());
    }
}
