package dev.rewind.cnpg;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A point-in-time recovery into a <b>new</b> Cluster through the Barman Cloud plugin, exactly as cnpg-barman.md
 * §2.4 lays it out:
 * <ul>
 *   <li>{@code bootstrap.recovery.source} names an {@code externalClusters[]} entry whose
 *       {@code plugin.parameters} give the ObjectStore and the source's serverName <b>explicitly</b> (without it the
 *       plugin would read the new cluster's folder, §6 "Restoring under a new or the same name");</li>
 *   <li>{@code recoveryTarget} pins {@code backupID} (the base backup the verifier approved, §4.8) and states
 *       {@code targetTime} in RFC 3339 UTC with {@code Z};</li>
 *   <li>{@code plugins[]} archives the new cluster into a fresh serverName, so the plugin's empty-archive check
 *       (§2.7 step 2, §3.4) cannot fail;</li>
 *   <li>image, storage, PostgreSQL parameters, resources and superuser settings are copied from the source, and
 *       {@code database}/{@code owner}/{@code secret} mirror its initdb (§7.4 step 2).</li>
 * </ul>
 *
 * @param namespace        namespace of source and new cluster (the ObjectStore must be in it too)
 * @param name             the new Cluster's name
 * @param sourceCluster    the source Cluster's name (recorded in annotations)
 * @param objectStoreName  the ObjectStore both read and written ({@code barmanObjectName})
 * @param sourceServerName the archive folder recovered from
 * @param newServerName    the archive folder the new cluster archives into; must differ from the source's
 * @param backupId         the pinned base backup ({@code YYYYMMDDTHHMMSS})
 * @param targetAt         the recovery target time
 * @param instances        instances of the new cluster (scale up once verified)
 * @param template         what is copied from the source cluster
 */
public record RecoveryClusterSpec(String namespace, String name, String sourceCluster, String objectStoreName,
                                  String sourceServerName, String newServerName, String backupId, Instant targetAt,
                                  int instances, ClusterTemplate template) {
    /** The {@code externalClusters[]} entry the recovery reads from. */
    public static final String SOURCE_ENTRY = "origin";
    public static final String API_VERSION = "postgresql.cnpg.io/v1";

    public RecoveryClusterSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceCluster, "sourceCluster");
        Objects.requireNonNull(objectStoreName, "objectStoreName");
        Objects.requireNonNull(sourceServerName, "sourceServerName");
        Objects.requireNonNull(newServerName, "newServerName");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(targetAt, "targetAt");
        Objects.requireNonNull(template, "template");
        if (newServerName.equals(sourceServerName)) {
            throw new IllegalArgumentException("the new archive serverName must differ from the source's ("
                    + sourceServerName + ")");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
    }

    /** {@code targetTime} as written: RFC 3339 UTC with {@code Z}, at most microsecond precision. */
    public String targetTime() {
        return targetAt.truncatedTo(ChronoUnit.MICROS).toString();
    }

    public Manifest manifest() {
        Map<String, Object> doc = Manifest.skeleton(API_VERSION, "Cluster", namespace, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("rewind.dev/recovered-from", sourceCluster);
        annotations.put("rewind.dev/recovery-target-time", targetTime());
        annotations.put("rewind.dev/recovery-backup-id", backupId);
        metadata.put("annotations", annotations);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", instances);
        template.imageName().ifPresent(i -> spec.put("imageName", i));
        template.storage().ifPresent(s -> spec.put("storage", s.toManifest()));
        template.walStorage().ifPresent(s -> spec.put("walStorage", s.toManifest()));
        if (!template.postgresParameters().isEmpty() || !template.pgHba().isEmpty()) {
            Map<String, Object> postgresql = new LinkedHashMap<>();
            if (!template.postgresParameters().isEmpty()) {
                postgresql.put("parameters", new TreeMap<>(template.postgresParameters()));
            }
            if (!template.pgHba().isEmpty()) {
                postgresql.put("pg_hba", new ArrayList<>(template.pgHba()));
            }
            spec.put("postgresql", postgresql);
        }
        if (!template.resources().isEmpty()) {
            Map<String, Object> resources = new LinkedHashMap<>();
            new TreeMap<>(template.resources()).forEach((k, v) -> resources.put(k, new TreeMap<>(v)));
            spec.put("resources", resources);
        }
        template.superuserSecret().ifPresent(s -> spec.put("superuserSecret", Map.of("name", s)));
        if (template.enableSuperuserAccess()) {
            spec.put("enableSuperuserAccess", true);
        }

        Map<String, Object> target = new LinkedHashMap<>();
        target.put("backupID", backupId);
        target.put("targetTime", targetTime());
        Map<String, Object> recovery = new LinkedHashMap<>();
        recovery.put("source", SOURCE_ENTRY);
        template.database().ifPresent(d -> recovery.put("database", d));
        template.owner().ifPresent(o -> recovery.put("owner", o));
        template.ownerSecret().ifPresent(s -> recovery.put("secret", Map.of("name", s)));
        recovery.put("recoveryTarget", target);
        spec.put("bootstrap", Map.of("recovery", recovery));

        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("name", SOURCE_ENTRY);
        origin.put("plugin", plugin(sourceServerName, false));
        spec.put("externalClusters", List.of(origin));
        spec.put("plugins", List.of(plugin(newServerName, true)));
        doc.put("spec", spec);
        return new Manifest(doc);
    }

    private Map<String, Object> plugin(String serverName, boolean walArchiver) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("barmanObjectName", objectStoreName);
        parameters.put("serverName", serverName);
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("name", PluginConfiguration.BARMAN_CLOUD);
        if (walArchiver) {
            plugin.put("isWALArchiver", true);
        }
        plugin.put("parameters", parameters);
        return plugin;
    }
}
