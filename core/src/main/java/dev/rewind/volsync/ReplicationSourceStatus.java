package dev.rewind.volsync;

import dev.rewind.cluster.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code status} of a ReplicationSource (volsync.md §1.2). Untrusted while the source is paused (§2.6).
 *
 * @param lastSyncAt        when the last sync completed
 * @param lastSyncStartAt   non-empty exactly while a sync runs
 * @param lastSyncDuration  duration of the last sync
 * @param nextSyncAt        next scheduled start (empty with a manual trigger)
 * @param lastManualSync    the manual tag copied when a sync completes
 * @param latestMoverStatus outcome of the most recent mover Job (no timestamp)
 * @param conditions        only {@code Synchronizing} in practice
 */
public record ReplicationSourceStatus(Optional<Instant> lastSyncAt, Optional<Instant> lastSyncStartAt,
                                      Optional<Duration> lastSyncDuration, Optional<Instant> nextSyncAt,
                                      Optional<String> lastManualSync, Optional<MoverStatus> latestMoverStatus,
                                      List<Condition> conditions) {
    public ReplicationSourceStatus {
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastSyncStartAt, "lastSyncStartAt");
        Objects.requireNonNull(lastSyncDuration, "lastSyncDuration");
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        lastManualSync = Objects.requireNonNull(lastManualSync, "lastManualSync").filter(s -> !s.isEmpty());
        Objects.requireNonNull(latestMoverStatus, "latestMoverStatus");
        conditions = List.copyOf(conditions);
    }

    public static ReplicationSourceStatus empty() {
        return new ReplicationSourceStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    /** Whether a sync is in progress ({@code lastSyncStartAt} set, or {@code Synchronizing=True}). */
    public boolean syncInProgress() {
        return lastSyncStartAt.isPresent()
                || Condition.find(conditions, "Synchronizing").map(Condition::isTrue).orElse(false);
    }
}
