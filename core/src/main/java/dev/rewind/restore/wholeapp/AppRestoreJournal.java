package dev.rewind.restore.wholeapp;

import dev.rewind.app.ValueLocation;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.cnpg.Manifest;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.RestoreMode;
import dev.rewind.restore.RestorePlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole-app restore's journal, ConfigMap {@code rewind-apprestore-<app>} in the app's namespace (beside the
 * volume restore's {@code rewind-restore-<app>}, which covers the volume steps): what {@code --resume} and
 * {@code --abort} need after an interruption — the stage, the recovery Cluster's manifest, the pinned snapshot (to
 * re-plan a volume restore that never started) and every host change with its original host, so abort can switch
 * back. Only hosts are journalled, never a configuration value (it may hold a password).
 *
 * @param app              application name
 * @param namespace        its namespace
 * @param phase            the current stage
 * @param startedAt        when the run started
 * @param targetAt         T
 * @param snapshotId       the pinned volume snapshot
 * @param mode             the volume restore's mode
 * @param noSafetySnapshot the volume restore's option
 * @param allowEmpty       the volume restore's option
 * @param timeoutSeconds   the volume restore's RESTORE deadline override (0 = none)
 * @param recoveryCluster  the recovery Cluster's manifest
 * @param switchMode       whether rewind switches the connection
 * @param changes          the planned host changes
 * @param switched         whether the changes have been applied (abort reverses them)
 * @param failure          why the run stopped, if it did
 * @param volumeTag        the {@code trigger.manual} tag of the volume restore this run started, once started: a
 *                         volume journal is adopted on resume/abort only when its tag and snapshot id match
 * @param gitChange        the Git change that makes the switch permanent (hosts and object names only)
 */
public record AppRestoreJournal(String app, String namespace, AppRestorePhase phase, Instant startedAt,
                                Instant targetAt, String snapshotId, RestoreMode mode, boolean noSafetySnapshot,
                                boolean allowEmpty, long timeoutSeconds, Manifest recoveryCluster,
                                SwitchMode switchMode, List<HostChange> changes, boolean switched,
                                Optional<String> failure, Optional<String> volumeTag, List<String> gitChange) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, String>>> ROWS = new TypeReference<>() { };
    private static final TypeReference<List<String>> LINES = new TypeReference<>() { };

    public AppRestoreJournal {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(targetAt, "targetAt");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(recoveryCluster, "recoveryCluster");
        Objects.requireNonNull(switchMode, "switchMode");
        changes = List.copyOf(changes);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(volumeTag, "volumeTag");
        gitChange = List.copyOf(gitChange);
    }

    /** The ConfigMap (and Lease) name {@code rewind-apprestore-<app>}. */
    public static String name(String app) {
        return RestorePlanner.wholeAppJournal(app);
    }

    static AppRestoreJournal start(AppRestorePlan plan, Instant startedAt) {
        return new AppRestoreJournal(plan.app(), plan.namespace(), AppRestorePhase.RECOVER_DATABASE, startedAt,
                plan.consistency().targetAt(), plan.volume().snapshot().id(), plan.volume().mode(),
                plan.volume().safetySnapshot().isEmpty(), false, plan.volume().restoreDeadline().toSeconds(),
                plan.database().manifest(), plan.connection().mode(), plan.connection().changes(), false,
                Optional.empty(), Optional.empty(), plan.connection().gitChange());
    }

    public String newCluster() {
        return recoveryCluster.name();
    }

    public String databaseNamespace() {
        return recoveryCluster.namespace();
    }

    AppRestoreJournal withPhase(AppRestorePhase value) {
        return new AppRestoreJournal(app, namespace, value, startedAt, targetAt, snapshotId, mode, noSafetySnapshot,
                allowEmpty, timeoutSeconds, recoveryCluster, switchMode, changes, switched, failure, volumeTag,
                gitChange);
    }

    AppRestoreJournal withSwitched(boolean value) {
        return new AppRestoreJournal(app, namespace, phase, startedAt, targetAt, snapshotId, mode, noSafetySnapshot,
                allowEmpty, timeoutSeconds, recoveryCluster, switchMode, changes, value, failure, volumeTag,
                gitChange);
    }

    AppRestoreJournal withFailure(String value) {
        return new AppRestoreJournal(app, namespace, phase, startedAt, targetAt, snapshotId, mode, noSafetySnapshot,
                allowEmpty, timeoutSeconds, recoveryCluster, switchMode, changes, switched,
                Optional.of(value), volumeTag, gitChange);
    }

    AppRestoreJournal withVolumeTag(String value) {
        return new AppRestoreJournal(app, namespace, phase, startedAt, targetAt, snapshotId, mode, noSafetySnapshot,
                allowEmpty, timeoutSeconds, recoveryCluster, switchMode, changes, switched, failure,
                Optional.of(value), gitChange);
    }

    /**
     * Why the volume journal {@code volumeJournal} (its ConfigMap data) is not this run's: another snapshot, or a
     * manual tag other than the one this run started; empty when it is this run's. A journal written before tags
     * were recorded is matched by snapshot id alone.
     */
    Optional<String> foreignVolumeJournal(Map<String, String> volumeJournal) {
        String id = volumeJournal.getOrDefault("snapshotId", "?");
        String tag = volumeJournal.getOrDefault("manualTag", "?");
        if (!snapshotId.equals(id)) {
            return Optional.of("it restores snapshot " + id + ", this whole-app restore pinned " + snapshotId);
        }
        if (volumeTag.isPresent() && !volumeTag.get().equals(tag)) {
            return Optional.of("its trigger tag " + tag + " is not " + volumeTag.get() + ", the one this whole-app"
                    + " restore started");
        }
        return Optional.empty();
    }

    Map<String, String> toData() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("app", app);
        d.put("namespace", namespace);
        d.put("phase", phase.name());
        d.put("startedAt", startedAt.toString());
        d.put("targetAt", targetAt.toString());
        d.put("snapshotId", snapshotId);
        d.put("mode", mode.name());
        d.put("noSafetySnapshot", Boolean.toString(noSafetySnapshot));
        d.put("allowEmpty", Boolean.toString(allowEmpty));
        d.put("timeoutSeconds", Long.toString(timeoutSeconds));
        d.put("newCluster", recoveryCluster.namespace() + "/" + recoveryCluster.name());
        d.put("recoveryCluster", JSON.writeValueAsString(recoveryCluster.document()));
        d.put("switchMode", switchMode.name());
        d.put("changes", JSON.writeValueAsString(changes.stream().map(AppRestoreJournal::row).toList()));
        d.put("switched", Boolean.toString(switched));
        failure.ifPresent(f -> d.put("failure", f));
        volumeTag.ifPresent(t -> d.put("volumeTag", t));
        d.put("gitChange", JSON.writeValueAsString(gitChange));
        return d;
    }

    static AppRestoreJournal fromData(Map<String, String> d) {
        try {
            List<HostChange> changes = new ArrayList<>();
            for (Map<String, String> row : JSON.readValue(need(d, "changes"), ROWS)) {
                changes.add(change(row));
            }
            return new AppRestoreJournal(need(d, "app"), need(d, "namespace"),
                    AppRestorePhase.valueOf(need(d, "phase")), Instant.parse(need(d, "startedAt")),
                    Instant.parse(need(d, "targetAt")), need(d, "snapshotId"), RestoreMode.valueOf(need(d, "mode")),
                    Boolean.parseBoolean(need(d, "noSafetySnapshot")), Boolean.parseBoolean(need(d, "allowEmpty")),
                    Long.parseLong(need(d, "timeoutSeconds")),
                    new Manifest(JSON.readValue(need(d, "recoveryCluster"), MAP)),
                    SwitchMode.valueOf(need(d, "switchMode")), changes, Boolean.parseBoolean(need(d, "switched")),
                    Optional.ofNullable(d.get("failure")), Optional.ofNullable(d.get("volumeTag")),
                    d.containsKey("gitChange") ? JSON.readValue(d.get("gitChange"), LINES) : List.of());
        } catch (RewindException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RewindException(Reason.CORRUPT, "whole-app restore journal ConfigMap is malformed: "
                    + e.getMessage(), "inspect it with kubectl get configmap -o yaml", e);
        }
    }

    private static String need(Map<String, String> d, String key) {
        String v = d.get(key);
        if (v == null) {
            throw new RewindException(Reason.CORRUPT, "whole-app restore journal ConfigMap lacks key '" + key + "'");
        }
        return v;
    }

    private static Map<String, String> row(HostChange c) {
        Map<String, String> r = new LinkedHashMap<>();
        switch (c.location()) {
            case ValueLocation.SecretKey s -> {
                r.put("kind", "Secret");
                r.put("namespace", s.namespace());
                r.put("name", s.name());
                r.put("key", s.key());
            }
            case ValueLocation.ConfigMapKey m -> {
                r.put("kind", "ConfigMap");
                r.put("namespace", m.namespace());
                r.put("name", m.name());
                r.put("key", m.key());
            }
            case ValueLocation.EnvVar e -> {
                r.put("kind", e.kind().kubernetesKind());
                r.put("namespace", e.namespace());
                r.put("name", e.workload());
                r.put("container", e.container());
                r.put("key", e.name());
            }
        }
        r.put("from", c.fromHost());
        r.put("to", c.toHost());
        return r;
    }

    private static HostChange change(Map<String, String> r) {
        String ns = r.get("namespace");
        String name = r.get("name");
        String key = r.get("key");
        ValueLocation location = switch (r.get("kind")) {
            case "Secret" -> new ValueLocation.SecretKey(ns, name, key);
            case "ConfigMap" -> new ValueLocation.ConfigMapKey(ns, name, key);
            case "Deployment" -> new ValueLocation.EnvVar(WorkloadKind.DEPLOYMENT, ns, name, r.get("container"), key);
            case "StatefulSet" -> new ValueLocation.EnvVar(WorkloadKind.STATEFUL_SET, ns, name, r.get("container"),
                    key);
            default -> throw new IllegalArgumentException("unknown location kind '" + r.get("kind") + "'");
        };
        return new HostChange(location, r.get("from"), r.get("to"));
    }
}
