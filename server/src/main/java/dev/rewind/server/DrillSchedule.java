package dev.rewind.server;

import dev.rewind.drill.DrillSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code drills} section: scheduled restore drills (docs/runbooks/drills.md). Absent = no drills (the default:
 * a drill writes into the cluster, so it is opt-in).
 *
 * @param schedule         when the drill job fires (Quartz cron, UTC); each fire drills every app once, one after
 *                         the other, each with the next generation of its rotation
 * @param sandboxNamespace where drills work; it must exist (the server never creates or deletes namespaces); default:
 *                         the pod's own namespace ({@link PodNamespace}), where the deployment's RoleBinding grants
 *                         the drill's verbs
 * @param apps             the apps to drill; empty = every app discovered in the cluster
 * @param timeout          overrides the size-based RESTORE deadline
 * @param checkerImage     image of the checker pod
 */
public record DrillSchedule(Schedule schedule, String sandboxNamespace, List<DrillApp> apps,
                            Optional<Duration> timeout, String checkerImage) {
    public DrillSchedule {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(sandboxNamespace, "sandboxNamespace");
        apps = List.copyOf(apps);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(checkerImage, "checkerImage");
    }

    /** The drill settings with this section's checker image. */
    DrillSettings settings() {
        DrillSettings defaults = DrillSettings.defaults();
        return new DrillSettings(defaults.pollInterval(), defaults.checkTimeout(), checkerImage);
    }

    /** An app to drill: {@code namespace/name} in the configuration. */
    public record DrillApp(String namespace, String name) {
        public DrillApp {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * Reads the section; empty when it is absent. Field errors name {@code drills.<field>}.
     *
     * @param podNamespace the pod's namespace (the default sandbox); without it {@code sandboxNamespace} is required
     */
    static Optional<DrillSchedule> read(tools.jackson.databind.JsonNode node, Optional<String> podNamespace) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        ServerConfigReader.checkKeys(node, "drills.", java.util.Set.of("cron", "sandboxNamespace", "apps", "timeout",
                "checkerImage"));
        String cron = TargetsSection.required(node, "drills", "cron");
        Schedule.cronProblem(cron).ifPresent(problem -> {
            throw ServerConfig.invalid("drills.cron", "invalid cron expression \"" + cron + "\": " + problem
                    + " (Quartz syntax, seconds first: \"0 30 4 * * ?\")");
        });
        JsonApps apps = new JsonApps(node.path("apps"));
        List<DrillApp> listed = apps.list();
        String sandbox = TargetsSection.optionalText(node.path("sandboxNamespace"), "drills.sandboxNamespace")
                .or(() -> podNamespace).orElseThrow(() -> ServerConfig.invalid("drills.sandboxNamespace", "is"
                        + " required outside a pod (no " + PodNamespace.ENV + " and no "
                        + PodNamespace.IN_CLUSTER_FILE + "); in a pod it defaults to the pod's namespace"));
        if (!sandbox.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw ServerConfig.invalid("drills.sandboxNamespace", "must be a namespace name, got \"" + sandbox + "\"");
        }
        Optional<Duration> timeout = TargetsSection.optionalText(node.path("timeout"), "drills.timeout")
                .map(t -> TargetsSection.parseDuration(t, "drills.timeout"));
        String image = TargetsSection.optionalText(node.path("checkerImage"), "drills.checkerImage")
                .orElse(DrillSettings.DEFAULT_CHECKER_IMAGE);
        return Optional.of(new DrillSchedule(new Schedule(cron, 0), sandbox, listed, timeout, image));
    }

    /** {@code apps: ["namespace/name", …]}. */
    private record JsonApps(tools.jackson.databind.JsonNode node) {
        List<DrillApp> list() {
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw ServerConfig.invalid("drills.apps", "must be a list of \"namespace/name\"");
            }
            java.util.ArrayList<DrillApp> apps = new java.util.ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String text = node.get(i).isString() ? node.get(i).asString() : "";
                String[] parts = text.split("/", -1);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw ServerConfig.invalid("drills.apps[" + i + "]", "must be \"namespace/name\", got "
                            + node.get(i));
                }
                apps.add(new DrillApp(parts[0], parts[1]));
            }
            return apps;
        }
    }
}
