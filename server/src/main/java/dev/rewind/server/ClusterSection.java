package dev.rewind.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code cluster:} section of the server configuration into a {@link ClusterDiscovery}. Every error names
 * the exact field ({@code config error: cluster.backupTrigger.apps[1]: …}).
 *
 * <pre>
 * cluster:                             # present: discover apps and CNPG archives (absent: no cluster at all)
 *   kubeconfig: /path/to/kubeconfig    # optional; default KUBECONFIG, ~/.kube/config, else in-cluster
 *   context: home                      # optional
 *   namespaces: [default, media]       # optional; default all namespaces
 *   discoveryInterval: 10m
 *   quickVerify: {cron: "0 0/15 * * * ?"}           # the default; false disables
 *   deepVerify: {cron: "0 0 3 * * ?", samplePercent: 10}
 *   barmanVerify: {cron: "0 0/30 * * * ?"}
 *   backupTrigger:                     # optional, off by default (needs docs/deploy/backup-trigger RBAC)
 *     cron: "0 0 1 * * ?"
 *     apps: [default/paperless-ngx]    # namespace/name or name; omitted: every discovered app
 * </pre>
 */
final class ClusterSection {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern APP = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]"
            + "{0,251}[a-z0-9])?");

    private final Path base;

    ClusterSection(Path base) {
        this.base = base;
    }

    Optional<ClusterDiscovery> read(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, "cluster.", Set.of("kubeconfig", "context", "namespaces",
                "discoveryInterval", "quickVerify", "deepVerify", "barmanVerify", "backupTrigger"));
        Optional<Path> kubeconfig = text(node.path("kubeconfig"), "cluster.kubeconfig")
                .map(p -> base.resolve(p).normalize());
        kubeconfig.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw ServerConfig.invalid("cluster.kubeconfig", "file not found: " + p);
        });
        Optional<String> context = text(node.path("context"), "cluster.context");
        List<String> namespaces = new ArrayList<>();
        JsonNode list = node.path("namespaces");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw ServerConfig.invalid("cluster.namespaces", "must be a list, got " + list.getNodeType());
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "cluster.namespaces[" + i + "]";
                String ns = text(list.get(i), field).orElse("");
                if (!NAMESPACE.matcher(ns).matches()) {
                    throw ServerConfig.invalid(field, "must be a namespace name, got \"" + ns + "\"");
                }
                namespaces.add(ns);
            }
        }
        Duration interval = text(node.path("discoveryInterval"), "cluster.discoveryInterval")
                .map(t -> TargetsSection.parseDuration(t, "cluster.discoveryInterval"))
                .orElse(ClusterDiscovery.DEFAULT_INTERVAL);
        return Optional.of(new ClusterDiscovery(kubeconfig, context, namespaces, interval,
                schedule(node.path("quickVerify"), "cluster.quickVerify", ClusterDiscovery.DEFAULT_QUICK_VERIFY),
                schedule(node.path("deepVerify"), "cluster.deepVerify", ClusterDiscovery.DEFAULT_DEEP_VERIFY),
                schedule(node.path("barmanVerify"), "cluster.barmanVerify", ClusterDiscovery.DEFAULT_BARMAN_VERIFY),
                backup(node.path("backupTrigger"))));
    }

    private static Optional<ClusterDiscovery.BackupTriggers> backup(JsonNode node) {
        String at = "cluster.backupTrigger";
        if (node.isMissingNode() || node.isNull() || node.isBoolean() && !node.booleanValue()) {
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, at + ".", Set.of("cron", "apps"));
        Schedule schedule = cron(node, at, 0);
        Set<String> apps = new LinkedHashSet<>();
        JsonNode list = node.path("apps");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray() || list.isEmpty()) {
                throw ServerConfig.invalid(at + ".apps", "must be a non-empty list of namespace/name or name (omit"
                        + " it to back up every discovered app)");
            }
            for (int i = 0; i < list.size(); i++) {
                String field = at + ".apps[" + i + "]";
                String app = text(list.get(i), field).orElse("");
                if (!APP.matcher(app).matches()) {
                    throw ServerConfig.invalid(field, "must be namespace/name or name of a ReplicationSource, got \""
                            + app + "\"");
                }
                apps.add(app);
            }
        }
        return Optional.of(new ClusterDiscovery.BackupTriggers(schedule, apps));
    }

    /** Missing: the default; {@code false}: none; a mapping: {@code cron} and optional {@code samplePercent}. */
    private static Optional<Schedule> schedule(JsonNode node, String field, Schedule fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of(fallback);
        }
        if (node.isBoolean()) {
            if (node.booleanValue()) {
                throw ServerConfig.invalid(field, "must be a mapping with cron, or false to disable");
            }
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, field + ".", Set.of("cron", "samplePercent"));
        return Optional.of(cron(node, field, fallback.samplePercent()));
    }

    private static Schedule cron(JsonNode node, String field, double defaultPercent) {
        String cron = text(node.path("cron"), field + ".cron")
                .orElseThrow(() -> ServerConfig.invalid(field + ".cron", "is required"));
        Schedule.cronProblem(cron).ifPresent(problem -> {
            throw ServerConfig.invalid(field + ".cron", "invalid cron expression \"" + cron + "\": " + problem
                    + " (Quartz syntax, seconds first: \"0 0/15 * * * ?\")");
        });
        double percent = defaultPercent;
        JsonNode sample = node.path("samplePercent");
        if (!sample.isMissingNode() && !sample.isNull()) {
            if (!sample.isNumber() || !(sample.doubleValue() >= 0 && sample.doubleValue() <= 100)) {
                throw ServerConfig.invalid(field + ".samplePercent", "must be a number 0..100, got " + sample);
            }
            percent = sample.doubleValue();
        }
        return new Schedule(cron, percent);
    }

    private static Optional<String> text(JsonNode value, String field) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw ServerConfig.invalid(field, "must be a string, got " + value.getNodeType());
        }
        return Optional.of(value.asString());
    }
}
