package dev.rewind.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The current targets of the server: the configured ones, fixed, plus those of the newest successful cluster
 * discovery (a failed discovery keeps the last known ones). Readers get an immutable {@link Targets} snapshot.
 * Thread-safe.
 */
public final class TargetCatalog {
    private final boolean discovering;
    private volatile Targets current;
    private volatile DiscoveryStatus status = DiscoveryStatus.PENDING;
    private final List<CompletableFuture<DiscoveryStatus>> waiting = new ArrayList<>();

    /**
     * @param discovering whether a cluster is configured (so {@link #discovery()} reports its state)
     */
    public TargetCatalog(Targets configured, boolean discovering) {
        this.current = Objects.requireNonNull(configured, "configured");
        this.discovering = discovering;
    }

    /** Only the configured targets, no cluster. */
    public static TargetCatalog fixed(Targets targets) {
        return new TargetCatalog(targets, false);
    }

    public Targets current() {
        return current;
    }

    /** The discovery state; empty when the server has no cluster. */
    public Optional<DiscoveryStatus> discovery() {
        return discovering ? Optional.of(status) : Optional.empty();
    }

    /** Replaces the discovered targets. */
    public void discovered(DiscoveredTargets targets, Instant at) {
        List<CompletableFuture<DiscoveryStatus>> done;
        DiscoveryStatus next;
        synchronized (this) {
            current = current.withDiscovered(targets);
            next = new DiscoveryStatus(Optional.of(at), Optional.of(at), Optional.empty(), status.failures(),
                    targets.apps().size(), targets.archives().size(), targets.problems());
            status = next;
            done = drain();
        }
        done.forEach(f -> f.complete(next));
    }

    /** Records a failed discovery; the targets stay as they were. */
    public void discoveryFailed(String reason, Instant at) {
        List<CompletableFuture<DiscoveryStatus>> done;
        DiscoveryStatus next;
        synchronized (this) {
            DiscoveryStatus s = status;
            next = new DiscoveryStatus(Optional.of(at), s.lastSuccessAt(), Optional.of(reason), s.failures() + 1,
                    s.apps(), s.archives(), s.problems());
            status = next;
            done = drain();
        }
        done.forEach(f -> f.complete(next));
    }

    /** Completes with the state after the next discovery run, successful or not (tests: no polling). */
    public synchronized CompletableFuture<DiscoveryStatus> nextDiscovery() {
        CompletableFuture<DiscoveryStatus> future = new CompletableFuture<>();
        waiting.add(future);
        return future;
    }

    private List<CompletableFuture<DiscoveryStatus>> drain() {
        List<CompletableFuture<DiscoveryStatus>> done = List.copyOf(waiting);
        waiting.clear();
        return done;
    }
}
