package dev.rewind.restore.wholeapp;

import dev.rewind.app.AppEnvironment;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.WaitPolicy;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies, reverses and checks the host changes of a connection switch ({@link HostChange}) in the app's
 * configuration, ensure-style: a location that already names the target host is left alone, so every step may run
 * again after an interruption. Only hosts are compared and reported, never the rest of a value (it may hold a
 * password).
 *
 * <p>{@link #reverted} is the check that the switch held: External Secrets re-renders a Secret it owns within
 * seconds of a change (its data no longer matches the {@code reconcile.external-secrets.io/data-hash} annotation),
 * and Flux re-applies a Secret or ConfigMap of a Kustomization on the reconcile rewind requests at RESUME; either
 * puts the old host back. Waits through the injected {@link Sleeper} and {@link Clock}. Not thread-safe.
 */
final class ConnectionSwitcher {
    private final AppEnvironment environment;
    private final Clock clock;
    private final Sleeper sleeper;
    private final WaitPolicy hold;

    ConnectionSwitcher(AppEnvironment environment, Clock clock, Sleeper sleeper, WaitPolicy hold) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.hold = Objects.requireNonNull(hold, "hold");
    }

    /**
     * Replaces {@code change.fromHost} by {@code change.toHost} at its location.
     *
     * @throws RewindException CONFLICT when the location is gone or names neither host
     */
    void apply(HostChange change) {
        problem(change).ifPresent(p -> {
            throw new RewindException(Reason.CONFLICT, "cannot switch: " + p, "check it by hand, then --resume or"
                    + " --abort", null);
        });
    }

    /** Puts {@code change.fromHost} back; the problem (location gone, names neither host) when it cannot. */
    Optional<String> reverse(HostChange change) {
        return problem(change.reversed());
    }

    /**
     * Re-reads every location for {@link WaitPolicy#timeout} of {@code hold} (every {@link WaitPolicy#interval}) and
     * returns the changes whose location no longer names {@code toHost} at any read — reverted by a controller.
     */
    List<HostChange> reverted(List<HostChange> changes, Runnable beforeEachWait) {
        Set<HostChange> reverted = new LinkedHashSet<>();
        Instant deadline = clock.instant().plus(hold.timeout());
        while (true) {
            for (HostChange change : changes) {
                if (!environment.findValue(change.location()).map(v -> ServiceHost.contains(v, change.toHost()))
                        .orElse(false)) {
                    reverted.add(change);
                }
            }
            if (reverted.size() == changes.size() || !clock.instant().isBefore(deadline)) {
                return new ArrayList<>(reverted);
            }
            beforeEachWait.run();
            try {
                sleeper.sleep(hold.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException(Reason.INTERRUPTED, "interrupted while checking that the connection switch"
                        + " held", "the restore itself is complete; re-read the switched locations by hand", e);
            }
        }
    }

    private Optional<String> problem(HostChange change) {
        Optional<String> current = environment.findValue(change.location());
        if (current.isPresent() && ServiceHost.contains(current.get(), change.fromHost())) {
            environment.setValue(change.location(), ServiceHost.replace(current.get(), change.fromHost(),
                    change.toHost()));
            return Optional.empty();
        }
        if (current.isPresent() && ServiceHost.contains(current.get(), change.toHost())) {
            return Optional.empty();
        }
        return Optional.of(change.location() + (current.isEmpty() ? " no longer exists" : " names neither "
                + change.fromHost() + " nor " + change.toHost() + " any more"));
    }
}
