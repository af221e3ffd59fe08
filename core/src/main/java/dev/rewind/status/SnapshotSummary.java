package dev.rewind.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The newest complete Kopia snapshot of an app's source.
 *
 * @param id         snapshot manifest id
 * @param startAt    when the mover started it
 * @param endAt      when it finished
 * @param totalBytes total file size it records
 */
public record SnapshotSummary(String id, Instant startAt, Instant endAt, long totalBytes) {
    public SnapshotSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(endAt, "endAt");
    }
}
