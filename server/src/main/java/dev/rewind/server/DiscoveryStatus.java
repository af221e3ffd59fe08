package dev.rewind.server;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of cluster discovery, for {@code /readyz} and the {@code rewind_discovery_*} metrics.
 *
 * @param lastAttemptAt when discovery last ran, whatever its outcome; empty before the first run
 * @param lastSuccessAt when discovery last listed the cluster successfully
 * @param failure       why the newest run failed (one line, no secrets); empty when it succeeded. The targets of
 *                      the last successful run are kept meanwhile.
 * @param failures      failed runs since start
 * @param apps          discovered app targets (as of the last success)
 * @param archives      discovered archive targets (as of the last success)
 * @param problems      what could not become a target in the last successful run
 */
public record DiscoveryStatus(Optional<Instant> lastAttemptAt, Optional<Instant> lastSuccessAt,
                              Optional<String> failure, long failures, int apps, int archives,
                              List<String> problems) {
    public static final DiscoveryStatus PENDING = new DiscoveryStatus(Optional.empty(), Optional.empty(),
            Optional.empty(), 0, 0, 0, List.of());

    public DiscoveryStatus {
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
        Objects.requireNonNull(failure, "failure");
        problems = List.copyOf(problems);
    }

    /** False when the newest run failed. */
    public boolean healthy() {
        return failure.isEmpty();
    }

    /** One line for {@code /readyz}. */
    public String describe() {
        if (lastAttemptAt.isEmpty()) {
            return "discovery: pending";
        }
        String found = apps + " apps, " + archives + " archives" + (problems.isEmpty() ? ""
                : ", " + problems.size() + " skipped");
        if (failure.isPresent()) {
            return "discovery: failing at " + lastAttemptAt.get() + ": " + failure.get() + " (keeping the last known"
                    + " targets: " + found + lastSuccessAt.map(at -> " from " + at).orElse("") + ")";
        }
        return "discovery: ok at " + lastSuccessAt.orElseThrow() + " (" + found + ")";
    }
}
