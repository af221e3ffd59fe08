package dev.rewind.server;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts a run observed, exported as gauges: the newest complete Kopia snapshot (the oldest such across the
 * repository's sources: the worst RPO), and for Barman the recovery window and the newest archived WAL.
 */
public record Observations(Optional<Instant> newestSnapshotAt, Optional<Instant> windowStartAt,
                           Optional<Instant> windowEndAt, Optional<Instant> newestWalAt) {
    public static final Observations NONE = new Observations(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public Observations {
        Objects.requireNonNull(newestSnapshotAt, "newestSnapshotAt");
        Objects.requireNonNull(windowStartAt, "windowStartAt");
        Objects.requireNonNull(windowEndAt, "windowEndAt");
        Objects.requireNonNull(newestWalAt, "newestWalAt");
    }
}
