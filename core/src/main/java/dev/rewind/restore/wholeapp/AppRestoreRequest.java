package dev.rewind.restore.wholeapp;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.RestoreRequest;
import dev.rewind.restore.SnapshotSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator asked for: {@code rewind restore --app X --timestamp T --with-database}.
 *
 * @param volume         the volume restore's request; its selector must be {@code --timestamp T}
 * @param database       {@code --database-cluster}/{@code --database-namespace}, or empty to find it
 * @param newClusterName the recovered cluster's name, or empty for {@code <cluster>-<app>-<yyyyMMddHHmm of T>}
 * @param switchMode     {@code --switch secret|none}
 * @param maxGap         the gap between volume snapshot and T still reported as consistent
 */
public record AppRestoreRequest(RestoreRequest volume, Optional<DatabaseChoice> database,
                                Optional<String> newClusterName, SwitchMode switchMode, Duration maxGap) {
    /** Default {@link #maxGap}: an hourly Volsync schedule leaves at most this gap. */
    public static final Duration DEFAULT_MAX_GAP = Duration.ofHours(1);

    public AppRestoreRequest {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(newClusterName, "newClusterName");
        Objects.requireNonNull(switchMode, "switchMode");
        Objects.requireNonNull(maxGap, "maxGap");
        if (!(volume.selector() instanceof SnapshotSelector.AsOf)) {
            throw new RewindException(Reason.INVALID_INPUT, "--with-database needs --timestamp T (one point in time"
                    + " for volume and database), not --previous or --snapshot");
        }
        if (maxGap.isNegative()) {
            throw new RewindException(Reason.INVALID_INPUT, "--max-gap must not be negative");
        }
    }

    /** Defaults: database found from the app's configuration, default name, {@code --switch secret}. */
    public static AppRestoreRequest of(RestoreRequest volume) {
        return new AppRestoreRequest(volume, Optional.empty(), Optional.empty(), SwitchMode.SECRET, DEFAULT_MAX_GAP);
    }

    /** T. */
    public Instant targetAt() {
        return ((SnapshotSelector.AsOf) volume.selector()).at();
    }

    public AppRestoreRequest withDatabase(DatabaseChoice value) {
        return new AppRestoreRequest(volume, Optional.of(value), newClusterName, switchMode, maxGap);
    }

    public AppRestoreRequest withSwitchMode(SwitchMode value) {
        return new AppRestoreRequest(volume, database, newClusterName, value, maxGap);
    }
}
