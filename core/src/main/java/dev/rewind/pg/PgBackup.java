package dev.rewind.pg;

import dev.rewind.app.PostgresControl;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.BackupRequest;
import dev.rewind.cnpg.Cluster;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes an on-demand Barman Cloud plugin backup of a CNPG Cluster (cnpg-barman.md §1.4, §2.3): creates a
 * {@code Backup} with {@code method: plugin} under a new name {@code <cluster>-rewind-<yyyyMMddHHmmss>} (a suffix
 * {@code -2}, {@code -3}, … when taken), then optionally waits for CNPG's terminal phase.
 *
 * <p>Outcomes of {@link #await}: {@code completed} → the Backup (with {@code status.backupId});
 * {@code failed} → PARTIAL carrying CNPG's {@code status.error}; no terminal phase within the timeout → TIMEOUT
 * (the backup goes on). Thread-safe.
 */
public final class PgBackup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int NAME_ATTEMPTS = 5;

    private final PostgresControl control;
    private final Poller poller;

    public PgBackup(PostgresControl control, Poller poller) {
        this.control = Objects.requireNonNull(control, "control");
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /**
     * Creates the Backup and returns it as created (no status yet).
     *
     * @throws RewindException NOT_FOUND for a missing Cluster; INVALID_INPUT when it has no Barman Cloud plugin
     */
    public Backup start(String namespace, String clusterName) {
        Cluster cluster = control.findCluster(namespace, clusterName).orElseThrow(() -> new RewindException(
                Reason.NOT_FOUND, "no CNPG Cluster " + namespace + "/" + clusterName));
        if (cluster.barmanCloudPlugin().isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "Cluster " + namespace + "/" + clusterName
                    + " has no enabled barman-cloud.cloudnative-pg.io plugin; a plugin Backup would fail");
        }
        String base = shorten(clusterName, 63 - "-rewind-yyyyMMddHHmmss-9".length()) + "-rewind-"
                + STAMP.format(poller.clock().instant());
        for (int attempt = 1; ; attempt++) {
            String name = attempt == 1 ? base : base + "-" + attempt;
            BackupRequest request = new BackupRequest(namespace, name, clusterName);
            try {
                control.create(request.manifest());
                return new Backup(name, namespace, clusterName, dev.rewind.cnpg.BackupMethod.PLUGIN,
                        Optional.of(dev.rewind.cnpg.PluginConfiguration.BARMAN_CLOUD), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            } catch (RewindException e) {
                if (e.reason() != Reason.CONFLICT || attempt >= NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits for Backup {@code namespace/name} to complete.
     *
     * @throws RewindException PARTIAL when CNPG reports {@code failed} (message carries {@code status.error}),
     *                         TIMEOUT when no terminal phase was reached, NOT_FOUND when the Backup disappeared
     */
    public Backup await(String namespace, String name, WaitPolicy policy) {
        Optional<Backup> terminal = poller.poll(policy, () -> {
            Backup b = control.findBackup(namespace, name).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                    "Backup " + namespace + "/" + name + " disappeared while waiting for it"));
            return b.completed() || b.failed() ? Optional.of(b) : Optional.empty();
        });
        if (terminal.isEmpty()) {
            String phase = control.findBackup(namespace, name).flatMap(Backup::phase).orElse("no phase yet");
            throw new RewindException(Reason.TIMEOUT, "Backup " + namespace + "/" + name + " did not finish within "
                    + policy.timeout() + " (phase: " + phase + ")",
                    "it continues; check with: kubectl get backups.postgresql.cnpg.io -n " + namespace + " " + name,
                    null);
        }
        Backup backup = terminal.get();
        if (backup.failed()) {
            throw new RewindException(Reason.PARTIAL, "Backup " + namespace + "/" + name + " failed: "
                    + backup.error().map(PgBackup::firstLine).orElse("CNPG reported no error message"),
                    "see kubectl describe backups.postgresql.cnpg.io -n " + namespace + " " + name
                    + " and the plugin sidecar's log", null);
        }
        return backup;
    }

    /** {@link #start} then {@link #await}. */
    public Backup run(String namespace, String clusterName, WaitPolicy policy) {
        Backup created = start(namespace, clusterName);
        return await(namespace, created.name(), policy);
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String shorten(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max).replaceAll("-+$", "");
    }
}
