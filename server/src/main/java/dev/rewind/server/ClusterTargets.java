package dev.rewind.server;

import dev.rewind.error.RewindException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the discovered targets current: one {@link #refresh()} lists the cluster ({@link TargetDiscovery}),
 * replaces the discovered targets in the {@link TargetCatalog} and makes the scheduler's checks match
 * ({@link CheckScheduler#reconcile}), so a new app gets its schedules and a removed one disappears from the
 * schedule, the metrics and the API. When the listing fails (API server down, RBAC), the failure is recorded in the
 * catalog's {@link DiscoveryStatus} (shown by {@code /readyz} and the {@code rewind_discovery_*} metrics) and the
 * last known targets stay. Never throws. Thread-safe: refreshes run one at a time.
 */
public final class ClusterTargets {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTargets.class);

    private final TargetDiscovery discovery;
    private final TargetCatalog catalog;
    private final CheckScheduler scheduler;
    private final Clock clock;
    private final java.time.Duration interval;

    /** @param interval how old the last discovery may get before {@link #refreshIfStale()} runs one */
    ClusterTargets(TargetDiscovery discovery, TargetCatalog catalog, CheckScheduler scheduler, Clock clock,
                   java.time.Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Refreshes when the last discovery of this replica is older than the interval. With the clustered job store
     * the discovery job fires on one replica at a time; checks call this so that every replica's targets (and so
     * its metrics and API) stay current.
     */
    public synchronized void refreshIfStale() {
        boolean stale = catalog.discovery().flatMap(DiscoveryStatus::lastAttemptAt)
                .map(at -> at.plus(interval).isBefore(clock.instant())).orElse(true);
        if (stale) {
            refresh();
        }
    }

    /** Discovers now and applies the result; returns the resulting state. */
    public synchronized DiscoveryStatus refresh() {
        DiscoveredTargets found;
        try {
            found = discovery.discover();
        } catch (RewindException e) {
            String reason = e.reason() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            LOG.warn("discovery failed, keeping the last known targets: {}", reason);
            catalog.discoveryFailed(reason, clock.instant());
            return catalog.discovery().orElseThrow();
        } catch (RuntimeException e) {
            LOG.warn("discovery failed unexpectedly, keeping the last known targets", e);
            catalog.discoveryFailed("INTERNAL: " + e, clock.instant());
            return catalog.discovery().orElseThrow();
        }
        // schedules first: whoever sees the new targets (tests waiting on the catalog) also sees their schedules
        scheduler.reconcile(catalog.current().withDiscovered(found));
        catalog.discovered(found, clock.instant());
        found.problems().forEach(p -> LOG.info("discovery skipped {}", p));
        LOG.info("discovery: {} apps, {} archives, {} skipped", found.apps().size(), found.archives().size(),
                found.problems().size());
        return catalog.discovery().orElseThrow();
    }
}
