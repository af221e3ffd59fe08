package dev.rewind.volsync;

import java.util.Objects;

/**
 * {@code status.latestMoverStatus} (volsync.md §1.2): the outcome of the most recent finished mover Job. It has no
 * timestamp, so it cannot tell by itself which run it belongs to (§8.3).
 *
 * @param result Successful or Failed
 * @param logs   the filtered tail of the mover log (about 1 KiB), possibly empty
 */
public record MoverStatus(MoverResult result, String logs) {
    public MoverStatus {
        Objects.requireNonNull(result, "result");
        logs = Objects.requireNonNullElse(logs, "");
    }
}
