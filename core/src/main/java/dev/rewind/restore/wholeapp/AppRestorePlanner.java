package dev.rewind.restore.wholeapp;

import dev.rewind.app.AccessRequest;
import dev.rewind.app.App;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.PostgresControl;
import dev.rewind.app.ValueLocation;
import dev.rewind.barman.BackupVerdict;
import dev.rewind.barman.WalChain;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.PgRestore;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.pg.RecoveryRequest;
import dev.rewind.pg.VerifiedRecovery;
import dev.rewind.restore.ChosenSnapshot;
import dev.rewind.restore.PlannedStep;
import dev.rewind.restore.RestorePhase;
import dev.rewind.restore.RestorePlan;
import dev.rewind.restore.RestorePlanner;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plans a whole-app restore to one point in time T — read-only, so a dry run and every refusal change nothing:
 * <ol>
 *   <li>the volume restore's PREFLIGHT ({@link RestorePlanner#preflight}: app, claim, Flux owners, RBAC);</li>
 *   <li>the app's database ({@link DatabaseFinder}) and the RBAC of the extra steps: create/get CNPG Clusters and
 *       Backups in its namespace and, with {@link SwitchMode#SECRET}, get/patch what holds the host;</li>
 *   <li>the volume snapshot: the newest complete one at or before T, pinned ({@link RestorePlanner#listSnapshots};
 *       none → NOT_FOUND);</li>
 *   <li>the database recovery to T into a new Cluster, verified against the Barman archive ({@link PgRestore}; a T
 *       outside the recovery window → NOT_FOUND naming the window);</li>
 *   <li>the connection switch ({@link ConnectionSwitchPlanner}) — with {@link SwitchMode#SECRET}, refused
 *       (INVALID_INPUT) when a place holding the host is owned by an ExternalSecret, a Flux Kustomization or a
 *       HelmRelease, which would put the old host back — and the {@link ConsistencyReport}.</li>
 * </ol>
 * The new Cluster is named {@code <cluster>-<app>-<yyyyMMddHHmm of T>} unless given; it must be a DNS-1035 label of
 * at most {@value #MAX_NAME} characters, because CNPG names the recovery Job {@code <name>-1-full-recovery} and a
 * Job's name must fit a 63-character label value. A default name that is too long shortens the app part.
 * Thread-safe if its collaborators are.
 */
public final class AppRestorePlanner {
    /** 63 − {@code "-1-full-recovery".length()}. */
    public static final int MAX_NAME = 47;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private final RestorePlanner volumes;
    private final DatabaseFinder finder;
    private final PgRestore databases;
    private final ConnectionSwitchPlanner switches;
    private final ClusterActions cluster;
    private final PostgresControl control;

    public AppRestorePlanner(RestorePlanner volumes, DatabaseFinder finder, PgRestore databases,
                             ConnectionSwitchPlanner switches, ClusterActions cluster, PostgresControl control) {
        this.volumes = Objects.requireNonNull(volumes, "volumes");
        this.finder = Objects.requireNonNull(finder, "finder");
        this.databases = Objects.requireNonNull(databases, "databases");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.control = Objects.requireNonNull(control, "control");
    }

    /**
     * @throws RewindException INVALID_INPUT (bad name, several databases, future T, {@code --switch secret} of an
     *                         owned place), NOT_FOUND (no database, no
     *                         snapshot at or before T, T outside the recovery window), UNAVAILABLE (missing RBAC),
     *                         CONFLICT (an unfinished whole-app restore is journalled, the new Cluster's name is
     *                         taken)
     */
    public AppRestorePlan plan(AppRestoreRequest request) {
        // the volume PREFLIGHT refuses (CONFLICT) while a whole-app restore of the app is journalled
        App app = volumes.preflight(request.volume());
        AppDatabase database = finder.find(app, request.database());
        if (database.references().isEmpty() && request.switchMode() == SwitchMode.SECRET) {
            throw new RewindException(Reason.NOT_FOUND, "nothing in the configuration of app " + app.namespace() + "/"
                    + app.name() + " names " + database + ", so rewind cannot switch it",
                    "pass --switch none and change the app's database host in Git yourself", null);
        }
        checkPermissions(app, database, request.switchMode());
        Instant target = request.targetAt();
        ChosenSnapshot snapshot = volumes.listSnapshots(app, request.volume());
        String name = request.newClusterName().orElseGet(() -> defaultName(database.cluster(), app.name(), target));
        validateName(name);
        if (control.findCluster(database.namespace(), name).isPresent()) {
            throw new RewindException(Reason.CONFLICT, "CNPG Cluster " + database.namespace() + "/" + name
                    + " already exists", "pass --new-cluster-name, or delete it if it is a leftover", null);
        }
        VerifiedRecovery verified = databases.planVerified(database.namespace(), database.cluster(),
                new RecoveryRequest(target.toString(), Optional.of(name), 1));
        RecoveryPlan recovery = verified.plan();
        RestorePlan volume = volumes.plan(app, snapshot, request.volume());
        ConnectionSwitch connection = switches.plan(database, name, request.switchMode());
        if (request.switchMode() == SwitchMode.SECRET && !connection.owned().isEmpty()) {
            throw new RewindException(Reason.INVALID_INPUT, "--switch secret cannot hold: " + String.join(", ",
                    connection.owned()) + " would be put back to the old host by its owner",
                    "pass --switch none and make the Git change rewind prints (--switch none --dry-run shows it)",
                    null);
        }
        List<String> walGaps = verified.report().backups().stream()
                .filter(v -> v.backup().id().equals(recovery.evidence().backupId()))
                .map(BackupVerdict::chain).flatMap(Optional::stream).map(WalChain::gaps).flatMap(List::stream)
                .map(Object::toString).toList();
        ConsistencyReport consistency = ConsistencyReport.of(snapshot.startAt(), target, recovery.window(),
                recovery.evidence().backupId().value(), walGaps, request.maxGap());
        return new AppRestorePlan(volume, recovery, database, connection, consistency,
                steps(volume, recovery, database, connection));
    }

    /** {@code <cluster>-<app>-<yyyyMMddHHmm of T>}, the app part shortened to fit {@value #MAX_NAME}. */
    static String defaultName(String cluster, String app, Instant target) {
        String stamp = MINUTE.format(target);
        int room = MAX_NAME - cluster.length() - stamp.length() - 2;
        String part = app.length() <= room ? app : app.substring(0, Math.max(0, room)).replaceAll("-+$", "");
        return part.isEmpty() ? cluster + "-" + stamp : cluster + "-" + part + "-" + stamp;
    }

    private static void validateName(String name) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new RewindException(Reason.INVALID_INPUT, "invalid new cluster name '" + name + "'",
                    "a DNS-1035 label of at most " + MAX_NAME + " characters (CNPG's recovery Job <name>-1-full-recovery"
                    + " must fit 63): lowercase letters, digits and '-', starting with a letter", null);
        }
    }

    private void checkPermissions(App app, AppDatabase database, SwitchMode mode) {
        Set<AccessRequest> needed = new LinkedHashSet<>();
        for (String verb : List.of("get", "create")) {
            needed.add(new AccessRequest(verb, "postgresql.cnpg.io", "clusters", database.namespace()));
            needed.add(new AccessRequest(verb, "postgresql.cnpg.io", "backups", database.namespace()));
        }
        needed.add(new AccessRequest("get", "barmancloud.cnpg.io", "objectstores", database.namespace()));
        if (mode == SwitchMode.SECRET) {
            for (HostReference ref : database.references()) {
                String resource = switch (ref.location()) {
                    case ValueLocation.SecretKey s -> "secrets";
                    case ValueLocation.ConfigMapKey m -> "configmaps";
                    case ValueLocation.EnvVar e -> e.kind() == WorkloadKind.DEPLOYMENT ? "deployments" : "statefulsets";
                };
                String group = ref.location() instanceof ValueLocation.EnvVar ? "apps" : "";
                needed.add(new AccessRequest("get", group, resource, ref.location().namespace()));
                needed.add(new AccessRequest("patch", group, resource, ref.location().namespace()));
            }
        }
        List<AccessRequest> missing = needed.stream().filter(p -> !cluster.isAllowed(p)).toList();
        if (!missing.isEmpty()) {
            throw new RewindException(Reason.UNAVAILABLE, "missing RBAC permission(s) for restoring "
                    + app.namespace() + "/" + app.name() + " with its database: "
                    + missing.stream().map(AccessRequest::toString).collect(Collectors.joining(", ")),
                    "grant them to the identity rewind runs as (kubectl auth can-i <verb> <resource> -n <ns>)", null);
        }
    }

    private static List<AppStep> steps(RestorePlan volume, RecoveryPlan recovery, AppDatabase database,
                                       ConnectionSwitch connection) {
        List<AppStep> steps = new ArrayList<>();
        steps.add(new AppStep(AppRestorePhase.RECOVER_DATABASE, "create CNPG Cluster " + recovery.namespace() + "/"
                + recovery.newName() + " beside " + database + " (never replacing it): recovery to "
                + recovery.targetAt() + " from base backup " + recovery.evidence().backupId() + ", archiving to"
                + " serverName " + recovery.spec().newServerName()));
        steps.add(new AppStep(AppRestorePhase.RECOVER_DATABASE, "wait until it is healthy, then take its first"
                + " backup; nothing of the app is touched before"));
        for (PlannedStep step : volume.steps()) {
            if (step.phase() == RestorePhase.RESUME) {
                break;
            }
            steps.add(new AppStep(AppRestorePhase.RESTORE_VOLUME, step.phase() + ": " + step.action()));
        }
        for (HostChange change : connection.changes()) {
            steps.add(new AppStep(AppRestorePhase.SWITCH_CONNECTION, (connection.mode() == SwitchMode.SECRET
                    ? "set " : "leave (--switch none) ") + change));
        }
        volume.steps().stream().dropWhile(s -> s.phase() != RestorePhase.RESUME)
                .forEach(s -> steps.add(new AppStep(AppRestorePhase.RESUME_APP, s.phase() + ": " + s.action())));
        return steps;
    }
}
