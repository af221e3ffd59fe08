package dev.rewind.kopia.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The summary of a directory subtree (kopia-format.md §7.4, {@code summ} of a directory entry and {@code summary}
 * of a directory object; kopia: {@code fs.DirectorySummary}).
 *
 * @param totalSizeBytes {@code size}: total size of the files below
 * @param fileCount {@code files}
 * @param symlinkCount {@code symlinks}
 * @param dirCount {@code dirs}
 * @param maxModifiedAt {@code maxTime}: the newest modification time below
 * @param incompleteReason {@code incomplete}, when the subtree was not fully captured
 * @param failedCount {@code numFailed}: entries that failed fatally
 * @param ignoredErrorCount {@code numIgnoredErrors}
 * @param errors {@code errors}: the first failed entries (kopia keeps at most 10)
 */
public record DirectorySummary(
        long totalSizeBytes,
        long fileCount,
        long symlinkCount,
        long dirCount,
        Instant maxModifiedAt,
        Optional<String> incompleteReason,
        long failedCount,
        long ignoredErrorCount,
        List<EntryError> errors) {

    public DirectorySummary {
        Objects.requireNonNull(maxModifiedAt, "maxModifiedAt");
        Objects.requireNonNull(incompleteReason, "incompleteReason");
        errors = List.copyOf(errors);
    }

    /** One failed entry: its path and kopia's error text. */
    public record EntryError(String path, String error) {
        public EntryError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
        }
    }
}
