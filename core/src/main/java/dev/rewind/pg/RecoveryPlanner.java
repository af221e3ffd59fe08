package dev.rewind.pg;

import dev.rewind.barman.BarmanArchive;
import dev.rewind.barman.BarmanReport;
import dev.rewind.barman.Recoverability;
import dev.rewind.barman.RecoveryWindow;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.cnpg.RecoveryClusterSpec;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plans a point-in-time recovery of a CNPG Cluster into a new Cluster (cnpg-barman.md §7.4 steps 1–2):
 * <ol>
 *   <li>parses the target time T (RFC 3339, converted to UTC; a future T is INVALID_INPUT);</li>
 *   <li>asks the verified archive whether T is recoverable (§4.8) and pins the base backup it names; otherwise
 *       NOT_FOUND whose one-line message prints the recovery window {@code [earliest, latest]};</li>
 *   <li>names the new Cluster ({@code <C>-pitr-<yyyyMMddHHmm of T>} by default) and chooses a fresh archive
 *       serverName for it — the new name, or {@code <name>-r<yyyyMMddHHmm of now>} when that folder already holds
 *       objects or is the source's — so the plugin's empty-archive check cannot fail (§2.7);</li>
 *   <li>emits the recovery Cluster manifest ({@link RecoveryClusterSpec}, §2.4).</li>
 * </ol>
 * Read-only; thread-safe.
 */
public final class RecoveryPlanner {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    /** DNS-1035 label, as CNPG requires for Cluster names. */
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private final Clock clock;

    public RecoveryPlanner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param source    the source Cluster
     * @param template  what is copied from its spec
     * @param location  its archive (must name the ObjectStore)
     * @param archive   the opened archive, to check that the new serverName's folder is empty
     * @param report    the verification report of the source's server
     * @param request   target time, new name, instances
     * @throws RewindException INVALID_INPUT (malformed or future T, bad name), NOT_FOUND (T not recoverable),
     *                         CONFLICT (no free archive folder for the new cluster)
     */
    public RecoveryPlan plan(Cluster source, ClusterTemplate template, ArchiveLocation location,
                             BarmanArchive archive, BarmanReport report, RecoveryRequest request) {
        Instant target = TargetTime.parse(request.targetTime(), clock);
        String storeName = location.objectStoreName().orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                "a recovery Cluster needs the ObjectStore name; locate the archive from the cluster, not by URL"));
        Recoverability answer = report.recoverabilityAt(target);
        Recoverability.Recoverable evidence = switch (answer) {
            case Recoverability.Recoverable r -> r;
            case Recoverability.NotRecoverable n -> throw new RewindException(Reason.NOT_FOUND, "target " + target
                    + " is not recoverable from " + location.describe() + ": recovery window is "
                    + window(report.window()) + " (" + n.reason() + ")",
                    "choose a target inside the window; rewind pg verify shows gaps and backups", null);
        };
        if (target.isBefore(evidence.earliestTargetAt())) {
            throw new RewindException(Reason.NOT_FOUND, "target " + target + " is before the consistency point of"
                    + " backup " + evidence.backupId() + " (earliest " + evidence.earliestTargetAt()
                    + "); recovery window is " + window(report.window()));
        }
        String name = request.newName().orElseGet(() -> source.name() + "-pitr-" + MINUTE.format(target));
        if (!NAME.matcher(name).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid new cluster name '" + name + "'",
                    "a Cluster name is a DNS-1035 label: lowercase letters, digits and '-', starting with a letter,"
                    + " at most 63 characters", null);
        }
        if (name.equals(source.name())) {
            throw new RewindException(Reason.INVALID_INPUT, "the new cluster name must differ from " + source.name(),
                    "recovery over the same name is a manual, gated procedure: docs/runbooks/restore-postgres.md",
                    null);
        }
        String serverName = freshServerName(name, location.serverName(), archive);
        var spec = new RecoveryClusterSpec(source.namespace(), name, source.name(), storeName,
                location.serverName(), serverName, evidence.backupId().value(), target, request.instances(),
                template);
        return new RecoveryPlan(spec, evidence, report.window());
    }

    private String freshServerName(String name, String sourceServer, BarmanArchive archive) {
        if (!name.equals(sourceServer) && !archive.server(name).exists()) {
            return name;
        }
        String suffixed = name + "-r" + MINUTE.format(clock.instant());
        if (suffixed.equals(sourceServer) || archive.server(suffixed).exists()) {
            throw new RewindException(Reason.CONFLICT, "archive folders " + name + "/ and " + suffixed
                    + "/ already hold objects in " + archive.describe(),
                    "pass another --new-name; the new cluster must archive into an empty folder", null);
        }
        return suffixed;
    }

    private static String window(Optional<RecoveryWindow> window) {
        return window.map(w -> "[" + w.earliestAt() + ", " + w.latestAt() + "]").orElse("empty (no restorable backup)");
    }
}
