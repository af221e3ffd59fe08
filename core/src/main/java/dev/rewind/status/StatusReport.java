package dev.rewind.status;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code rewind status} pass.
 *
 * @param generatedAt      the report time ages are measured against
 * @param apps             apps sorted by namespace then name
 * @param postgresClusters CNPG clusters sorted by namespace then name
 */
public record StatusReport(Instant generatedAt, List<AppStatus> apps, List<PostgresStatus> postgresClusters) {
    public StatusReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        apps = List.copyOf(apps);
        postgresClusters = List.copyOf(postgresClusters);
    }

    /**
     * This report narrowed to the app {@code name} (and the CNPG clusters of its namespace).
     *
     * @throws RewindException NOT_FOUND naming the app when the report has no app of that name
     */
    public StatusReport forApp(String name) {
        List<AppStatus> matching = apps.stream().filter(a -> a.name().equals(name)).toList();
        if (matching.isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, "no app '" + name + "' (no ReplicationSource of that name)");
        }
        Set<String> namespaces = matching.stream().map(AppStatus::namespace).collect(Collectors.toSet());
        return new StatusReport(generatedAt, matching,
                postgresClusters.stream().filter(p -> namespaces.contains(p.namespace())).toList());
    }

    /** Whether every app is healthy and every CNPG cluster archives WAL. */
    public boolean healthy() {
        return apps.stream().allMatch(AppStatus::healthy)
                && postgresClusters.stream().allMatch(PostgresStatus::archiving);
    }
}
