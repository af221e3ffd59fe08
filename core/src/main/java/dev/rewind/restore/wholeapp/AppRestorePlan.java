package dev.rewind.restore.wholeapp;

import dev.rewind.app.ObjectManifest;
import dev.rewind.pg.RecoveryPlan;
import dev.rewind.restore.RestorePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Everything a whole-app restore will do, decided before anything changes: the pinned volume snapshot (the volume
 * restore's plan), the verified recovery of the app's database into a new Cluster, the connection switch and the
 * consistency report. A dry run stops here.
 *
 * @param volume      the volume restore's plan
 * @param database    the recovery into the new Cluster (pinned base backup, target T)
 * @param source      the app's database as found, with every place that names it
 * @param connection  the switch to the new cluster's {@code -rw} service
 * @param consistency volume snapshot time vs. T
 * @param steps       every action in order
 */
public record AppRestorePlan(RestorePlan volume, RecoveryPlan database, AppDatabase source,
                             ConnectionSwitch connection, ConsistencyReport consistency, List<AppStep> steps) {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public AppRestorePlan {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(consistency, "consistency");
        steps = List.copyOf(steps);
    }

    public String app() {
        return volume.app();
    }

    public String namespace() {
        return volume.namespace();
    }

    /** Every object for a Git change: the volume restore's, the recovery Cluster, and the connection change. */
    public List<Map<String, Object>> manifests() {
        List<Map<String, Object>> out = new ArrayList<>();
        volume.manifests().stream().map(ObjectManifest::document).forEach(out::add);
        out.add(database.manifest().document());
        connection.manifests().stream().map(ObjectManifest::document).forEach(out::add);
        return out;
    }

    /** The plan as a view document ({@code kind: AppRestorePlan}, {@code version: 1}). */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kind", "AppRestorePlan");
        v.put("version", 1);
        v.put("app", app());
        v.put("namespace", namespace());
        v.put("targetAt", consistency.targetAt().toString());
        Map<String, Object> volumeView = new LinkedHashMap<>(volume.view());
        volumeView.remove("kind");
        volumeView.remove("version");
        volumeView.remove("manifests");
        v.put("volume", volumeView);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("sourceCluster", source.namespace() + "/" + source.cluster());
        db.put("newCluster", database.namespace() + "/" + database.newName());
        db.put("newServerName", database.spec().newServerName());
        db.put("baseBackupId", database.evidence().backupId().value());
        db.put("firstWal", database.evidence().firstWal().toString());
        db.put("walUntil", database.evidence().walUntil().toString());
        v.put("database", db);
        Map<String, Object> sw = new LinkedHashMap<>();
        sw.put("mode", connection.mode().name());
        sw.put("changes", connection.changes().stream().map(c -> Map.of("location", c.location().toString(),
                "fromHost", c.fromHost(), "toHost", c.toHost())).toList());
        sw.put("warnings", connection.warnings());
        sw.put("gitChange", connection.gitChange());
        v.put("connection", sw);
        v.put("consistency", consistency.view());
        v.put("steps", steps.stream().map(s -> Map.of("phase", s.phase().name(), "action", s.action())).toList());
        v.put("manifests", manifests());
        return v;
    }

    /** {@link #view()} as YAML. */
    public String toYaml() {
        return YAML.writeValueAsString(view());
    }

    /** The manifests alone, as a multi-document YAML stream. */
    public String manifestsYaml() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> manifest : manifests()) {
            String doc = YAML.writeValueAsString(manifest);
            out.append(doc.startsWith("---") ? doc : "---\n" + doc);
        }
        return out.toString();
    }
}
