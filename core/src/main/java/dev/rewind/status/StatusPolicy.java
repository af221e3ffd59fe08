package dev.rewind.status;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of {@link StatusService}.
 *
 * @param staleAfterIntervals   a backup older than this many schedule intervals is stale
 * @param repositoryParallelism repositories read at once
 * @param repositoryTimeout     how long the whole pass waits for repository reads before reporting the
 *                              remaining ones as StatusOnly
 */
public record StatusPolicy(int staleAfterIntervals, int repositoryParallelism, Duration repositoryTimeout) {
    public StatusPolicy {
        Objects.requireNonNull(repositoryTimeout, "repositoryTimeout");
        if (staleAfterIntervals < 1 || repositoryParallelism < 1 || !repositoryTimeout.isPositive()) {
            throw new IllegalArgumentException("staleAfterIntervals and repositoryParallelism must be at least 1,"
                    + " repositoryTimeout positive");
        }
    }

    /** Stale after 2 intervals, 4 repositories at once, 2 minutes for all repository reads. */
    public static StatusPolicy defaults() {
        return new StatusPolicy(2, 4, Duration.ofMinutes(2));
    }

    public StatusPolicy withStaleAfterIntervals(int value) {
        return new StatusPolicy(value, repositoryParallelism, repositoryTimeout);
    }
}
