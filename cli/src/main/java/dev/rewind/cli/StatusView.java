package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.status.AppFlag;
import dev.rewind.status.AppStatus;
import dev.rewind.status.PostgresStatus;
import dev.rewind.status.RestoreSelector;
import dev.rewind.status.SnapshotEvidence;
import dev.rewind.status.SnapshotSummary;
import dev.rewind.status.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code rewind status} output (kind {@code Status}). Ages and intervals are whole seconds. */
record StatusView(Instant generatedAt, boolean healthy, List<AppRow> apps, List<PostgresRow> postgresClusters)
        implements View {

    /**
     * @param evidence {@code repository} (read from Kopia) or {@code status} (the RS status only; see reason)
     * @param flags    lower-case {@link AppFlag} names
     */
    record AppRow(String namespace, String name, String evidence, Optional<String> reason,
                  Optional<Instant> newestBackupAt, Optional<String> snapshotId, Optional<Long> ageSeconds,
                  Optional<String> schedule, Optional<Long> expectedIntervalSeconds, Optional<String> lastMoverResult,
                  Optional<String> manualTrigger, List<RestoreSelectorRow> restoreSelectors,
                  List<String> suspendedFlux, List<String> flags, List<String> problems) {
    }

    record RestoreSelectorRow(String destination, Optional<String> restoreAsOf, Optional<Integer> previous) {
    }

    /** @param archiving {@code ok}, {@code failing} or {@code unknown} (no ContinuousArchiving condition) */
    record PostgresRow(String namespace, String name, Optional<String> objectStore,
                       Optional<Instant> lastSuccessfulBackupAt, Optional<Instant> firstRecoverabilityPointAt,
                       String archiving, Optional<String> archivingMessage) {
    }

    static StatusView of(StatusReport report) {
        return new StatusView(report.generatedAt(), report.healthy(), report.apps().stream().map(StatusView::row)
                .toList(), report.postgresClusters().stream().map(StatusView::row).toList());
    }

    private static AppRow row(AppStatus a) {
        Optional<String> reason = a.evidence() instanceof SnapshotEvidence.StatusOnly s ? Optional.of(s.reason())
                : Optional.empty();
        Optional<String> snapshotId = a.evidence() instanceof SnapshotEvidence.Repository r
                ? r.newest().map(SnapshotSummary::id) : Optional.empty();
        return new AppRow(a.namespace(), a.name(), switch (a.evidence()) {
            case SnapshotEvidence.Repository r -> "repository";
            case SnapshotEvidence.StatusOnly s -> "status";
        }, reason, a.evidence().newestAt(), snapshotId, a.age().map(Duration::toSeconds), a.schedule(),
                a.expectedInterval().map(Duration::toSeconds), a.lastMoverResult().map(r -> r.name().toLowerCase(Locale.ROOT)),
                a.manualTrigger(), a.restoreSelectors().stream().map(StatusView::row).toList(), a.suspendedFlux(),
                a.flags().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT)).toList(), a.problems());
    }

    private static RestoreSelectorRow row(RestoreSelector s) {
        return new RestoreSelectorRow(s.destination(), s.restoreAsOf(),
                s.previous().isPresent() ? Optional.of(s.previous().getAsInt()) : Optional.empty());
    }

    private static PostgresRow row(PostgresStatus p) {
        return new PostgresRow(p.namespace(), p.name(), p.objectStore(), p.lastSuccessfulBackupAt(),
                p.firstRecoverabilityPointAt(), p.continuousArchiving().isEmpty() ? "unknown"
                        : p.archiving() ? "ok" : "failing",
                p.continuousArchiving().map(c -> c.message()).filter(m -> !m.isEmpty()));
    }

    @Override
    public String kind() {
        return "Status";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        for (AppRow a : apps) {
            rows.add(List.of(a.namespace(), a.name(), "volsync", a.newestBackupAt().map(Instant::toString).orElse("-"),
                    a.ageSeconds().map(StatusView::age).orElse("-"), a.evidence(),
                    a.flags().isEmpty() ? "ok" : String.join(",", a.flags())));
        }
        for (PostgresRow p : postgresClusters) {
            rows.add(List.of(p.namespace(), p.name(), "cnpg",
                    p.lastSuccessfulBackupAt().map(Instant::toString).orElse("-"),
                    p.lastSuccessfulBackupAt().map(at -> age(Duration.between(at, generatedAt).toSeconds())).orElse("-"),
                    p.objectStore().map(s -> "objectstore").orElse("cluster"),
                    p.archiving().equals("ok") ? "ok" : "wal_archiving_" + p.archiving()));
        }
        return new Table(List.of("NAMESPACE", "NAME", "KIND", "NEWEST BACKUP", "AGE", "EVIDENCE", "STATE"),
                Stream.of(rows).flatMap(List::stream).toList());
    }

    private static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toDays() > 0 ? d.toDays() + "d" + d.toHoursPart() + "h"
                : d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() + "m";
    }
}
