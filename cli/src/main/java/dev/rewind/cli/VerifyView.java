package dev.rewind.cli;

import dev.rewind.cli.output.Table;
import dev.rewind.cli.output.View;
import dev.rewind.verify.Durations;
import dev.rewind.verify.Finding;
import dev.rewind.verify.Severity;
import dev.rewind.verify.VerifyReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code rewind verify}: one line per source plus a summary line; JSON carries every finding. */
record VerifyView(String repository, Instant startedAt, Duration duration, String result, List<SourceRow> sources)
        implements View {

    record SourceRow(String source, String result, int snapshots, Optional<String> newestCompleteId,
            Optional<Instant> newestCompleteAt, Optional<Duration> newestCompleteAge, long contentsChecked,
            long contentsDecrypted, long bytesDecrypted, long errors, long warnings, List<FindingRow> findings) {
    }

    record FindingRow(String kind, String severity, String reason, Optional<String> snapshotId,
            Optional<String> path, Optional<String> blob) {
        static FindingRow of(Finding f) {
            return new FindingRow(f.kind(), f.severity().name(), f.reason(), f.snapshotId().map(Object::toString),
                    f.path(), f.blob().map(Object::toString));
        }
    }

    static VerifyView of(String repository, VerifyReport report) {
        List<SourceRow> rows = report.sources().stream().map(s -> new SourceRow(s.source().toString(),
                s.hasErrors() ? "FAILED" : count(s.findings(), Severity.WARNING) > 0 ? "WARNING" : "OK",
                s.snapshotCount(), s.newestCompleteId().map(Object::toString), s.newestCompleteAt(),
                s.newestCompleteAge(), s.contentsChecked(), s.contentsDecrypted(), s.bytesDecrypted(),
                count(s.findings(), Severity.ERROR), count(s.findings(), Severity.WARNING),
                s.findings().stream().map(FindingRow::of).toList())).toList();
        String result = report.hasErrors() ? "FAILED" : report.hasWarnings() ? "WARNING" : "OK";
        return new VerifyView(repository, report.startedAt(), report.duration(), result, rows);
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    @Override
    public String kind() {
        return "VerifyReport";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        for (SourceRow s : sources) {
            rows.add(List.of(s.source(), s.result(), Integer.toString(s.snapshots()),
                    s.newestCompleteAt().map(Instant::toString).orElse("-"),
                    s.newestCompleteAge().map(Durations::text).orElse("-"), Long.toString(s.contentsChecked()),
                    Long.toString(s.contentsDecrypted()), Long.toString(s.errors()), Long.toString(s.warnings())));
        }
        rows.add(List.of("(" + sources.size() + " sources)", result, "", "", Durations.text(duration), "", "",
                Long.toString(sources.stream().mapToLong(SourceRow::errors).sum()),
                Long.toString(sources.stream().mapToLong(SourceRow::warnings).sum())));
        return new Table(List.of("SOURCE", "RESULT", "SNAPSHOTS", "NEWEST COMPLETE", "AGE", "CONTENTS", "DECRYPTED",
                "ERRORS", "WARNINGS"), rows);
    }
}
