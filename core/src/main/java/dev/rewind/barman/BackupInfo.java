package dev.rewind.barman;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parsed {@code backup.info} of one Barman Cloud base backup. Hand-written after cnpg-barman.md §3.2 (barman's
 * {@code infofile.py}): one {@code key=value} per line split at the first {@code =}, both sides trimmed, {@code None}
 * meaning absent, blank and {@code #} lines ignored. Every key is kept in {@link #fields()} (newer barman versions
 * add keys); the typed accessors cover what verification needs.
 *
 * @param segmentSize {@code xlog_segment_size}, 16 MiB when absent
 * @param timeline    the timeline at the start of the backup
 * @param fields      every key with its raw value ({@code None} values are absent)
 */
public record BackupInfo(BackupId backupId, BackupStatus status, Optional<Instant> beginAt, Optional<Instant> endAt,
                         Optional<WalName> beginWal, Optional<WalName> endWal, Optional<Lsn> beginLsn,
                         Optional<Lsn> endLsn, long timeline, Optional<String> systemId, Optional<String> backupName,
                         Optional<String> error, WalSegmentSize segmentSize, Optional<Integer> postgresVersion,
                         Map<String, String> fields) {

    public BackupInfo {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /**
     * Parses the text of {@code <server>/base/<backupId>/backup.info}. {@code source} names the blob in errors
     * (reason CORRUPT) for a malformed line or value; a missing {@code status} or {@code timeline} is CORRUPT too.
     */
    public static BackupInfo parse(BackupId backupId, String text, String source) {
        var fields = new TreeMap<String, String>();
        int lineNumber = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new RewindException(Reason.CORRUPT, source + " line " + lineNumber + " is not key=value");
            }
            String value = trimmed.substring(eq + 1).strip();
            if (!value.equals("None")) {
                fields.put(trimmed.substring(0, eq).strip(), value);
            }
        }
        try {
            String status = required(fields, "status", source);
            return new BackupInfo(backupId, BackupStatus.parse(status),
                    optional(fields, "begin_time", v -> BarmanTime.parse(v, source + " begin_time")),
                    optional(fields, "end_time", v -> BarmanTime.parse(v, source + " end_time")),
                    optional(fields, "begin_wal", WalName::parse),
                    optional(fields, "end_wal", WalName::parse),
                    optional(fields, "begin_xlog", Lsn::parse),
                    optional(fields, "end_xlog", Lsn::parse),
                    Long.parseLong(required(fields, "timeline", source)),
                    optional(fields, "systemid", Function.identity()),
                    optional(fields, "backup_name", Function.identity()),
                    optional(fields, "error", Function.identity()),
                    optional(fields, "xlog_segment_size", v -> WalSegmentSize.ofBytes(Long.parseLong(v)))
                            .orElse(WalSegmentSize.DEFAULT),
                    optional(fields, "version", Integer::valueOf),
                    fields);
        } catch (NumberFormatException e) {
            throw new RewindException(Reason.CORRUPT, source + " has a malformed number: " + e.getMessage(), e);
        } catch (RewindException e) {
            if (e.reason() == Reason.INVALID_INPUT) {
                throw new RewindException(Reason.CORRUPT, source + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The raw value of a key, empty when absent or {@code None}. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** {@code backup_label} decoded from its Python string literal (the text PostgreSQL returned). */
    public Optional<String> backupLabel() {
        return field("backup_label").map(PythonLiteral::unquote);
    }

    /** DONE with an end time and no error: a candidate for restore (cnpg-barman.md §4.4). */
    public boolean isDone() {
        return status == BackupStatus.DONE && endAt.isPresent() && beginWal.isPresent();
    }

    private static String required(Map<String, String> fields, String key, String source) {
        String value = fields.get(key);
        if (value == null) {
            throw new RewindException(Reason.CORRUPT, source + " has no " + key);
        }
        return value;
    }

    private static <T> Optional<T> optional(Map<String, String> fields, String key, Function<String, T> parser) {
        return Optional.ofNullable(fields.get(key)).map(parser);
    }
}
