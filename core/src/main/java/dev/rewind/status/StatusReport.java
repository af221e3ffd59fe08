package dev.rewind.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    /** Whether every app is healthy and every CNPG cluster archives WAL. */
    public boolean healthy() {
        return apps.stream().allMatch(AppStatus::healthy)
                && postgresClusters.stream().allMatch(PostgresStatus::archiving);
    }
}
