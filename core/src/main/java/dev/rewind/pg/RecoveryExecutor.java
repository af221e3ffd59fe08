package dev.rewind.pg;

import dev.rewind.app.PostgresControl;
import dev.rewind.cluster.Condition;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.Cluster;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link RecoveryPlan} (cnpg-barman.md §7.4 steps 4–5): creates the recovery Cluster (never replaces one:
 * an existing name is CONFLICT), waits until CNPG reports it healthy ({@code status.phase} "Cluster in healthy
 * state" or condition {@code Ready=True}), then takes its first plugin backup through {@link PgBackup} — a fresh
 * serverName has no base backup, so its recovery window stays empty until one exists.
 *
 * <p>Failures: a phase that needs an operator (unrecoverable, invalid definition, plugin errors) → PARTIAL naming
 * the phase; not healthy in time → TIMEOUT (recovery goes on); the first backup failing → PARTIAL (the cluster
 * <em>is</em> recovered). Thread-safe.
 */
public final class RecoveryExecutor {
    public static final String HEALTHY = "Cluster in healthy state";
    /** Phases after which CNPG will not reach a healthy state without an operator (§1.3). */
    static final Set<String> STUCK = Set.of(
            "Cluster is unrecoverable and needs manual intervention",
            "Invalid cluster definition",
            "Unable to create required cluster objects",
            "Cluster cannot proceed to reconciliation due to an unknown plugin being required",
            "Cluster cannot proceed to reconciliation due to an error while interacting with plugins",
            "Cluster has incomplete or invalid image catalog");

    private final PostgresControl control;
    private final PgBackup backups;
    private final Poller poller;

    public RecoveryExecutor(PostgresControl control, PgBackup backups, Poller poller) {
        this.control = Objects.requireNonNull(control, "control");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /** The result of an applied recovery: the healthy Cluster and its first completed backup. */
    public record RecoveryOutcome(Cluster cluster, Backup firstBackup) {
    }

    public RecoveryOutcome apply(RecoveryPlan plan, WaitPolicy untilHealthy, WaitPolicy untilBackedUp) {
        control.create(plan.manifest());
        return awaitRecovered(plan.namespace(), plan.newName(), untilHealthy, untilBackedUp);
    }

    /**
     * The second half of {@link #apply} for a recovery Cluster that already exists (a resumed run): waits until it
     * is healthy, then takes its first backup. Failures as for {@link #apply}.
     */
    public RecoveryOutcome awaitRecovered(String ns, String name, WaitPolicy untilHealthy, WaitPolicy untilBackedUp) {
        Optional<Cluster> healthy = poller.poll(untilHealthy, () -> {
            Cluster c = control.findCluster(ns, name).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                    "Cluster " + ns + "/" + name + " disappeared while recovering"));
            Optional<String> phase = c.status().phase();
            if (phase.isPresent() && STUCK.contains(phase.get())) {
                throw new RewindException(Reason.PARTIAL, "Cluster " + ns + "/" + name + " stopped recovering: "
                        + phase.get(), "kubectl describe clusters.postgresql.cnpg.io -n " + ns + " " + name
                        + "; logs of pod " + name + "-1-full-recovery", null);
            }
            return isHealthy(c) ? Optional.of(c) : Optional.empty();
        });
        if (healthy.isEmpty()) {
            String phase = control.findCluster(ns, name).flatMap(c -> c.status().phase()).orElse("no phase yet");
            throw new RewindException(Reason.TIMEOUT, "Cluster " + ns + "/" + name + " not healthy within "
                    + untilHealthy.timeout() + " (phase: " + phase + ")",
                    "recovery continues; look for 'Expected empty archive', 'no target backup found' or 'recovery"
                    + " ended before configured recovery target was reached' in the logs of pod " + name
                    + "-1-full-recovery", null);
        }
        Backup first;
        try {
            first = backups.run(ns, name, untilBackedUp);
        } catch (RewindException e) {
            throw new RewindException(e.reason() == Reason.TIMEOUT ? Reason.TIMEOUT : Reason.PARTIAL, "Cluster " + ns
                    + "/" + name + " is recovered and healthy, but its first backup did not complete: "
                    + e.getMessage(), e.hint().orElse(null), e);
        }
        return new RecoveryOutcome(healthy.get(), first);
    }

    static boolean isHealthy(Cluster cluster) {
        return cluster.status().phase().filter(HEALTHY::equals).isPresent()
                || Condition.find(cluster.status().conditions(), "Ready").map(Condition::isTrue).orElse(false);
    }
}
