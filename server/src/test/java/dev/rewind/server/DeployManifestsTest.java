package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads every manifest under docs/deploy and checks what a cluster (and a reviewer) would. */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("..", "docs", "deploy");
    static final Path APP = DEPLOY.resolve("app");
    static final Map<String, String> API_VERSIONS = Map.of(
            "Kustomization", "kustomize.toolkit.fluxcd.io/v1",
            "ServiceAccount", "v1",
            "Service", "v1",
            "Deployment", "apps/v1",
            "ClusterRole", "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding", "rbac.authorization.k8s.io/v1",
            "RoleBinding", "rbac.authorization.k8s.io/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1");
    static final Pattern METRIC = Pattern.compile("\\brewind_[a-z_]+");
    /** Metrics that Prometheus itself provides. */
    static final Set<String> PROMETHEUS_BUILTIN = Set.of("up");

    static final Path BACKUP_TRIGGER = DEPLOY.resolve("backup-trigger");

    static final List<JsonNode> manifests = new ArrayList<>();
    /** The opt-in component granting what backup triggers write; not part of the default deployment. */
    static final List<JsonNode> backupTrigger = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            if (file.endsWith("kustomization.yaml") || file.endsWith("server.yaml")) {
                continue;
            }
            assertThat(text).as("%s starts with --- and a schema comment", file)
                    .startsWith("---\n# yaml-language-server: $schema=");
            try (var values = yaml.readerFor(JsonNode.class).readValues(text)) {
                while (values.hasNextValue()) {
                    JsonNode node = (JsonNode) values.nextValue();
                    if (node != null && !node.isEmpty()) {
                        (file.startsWith(BACKUP_TRIGGER) ? backupTrigger : manifests).add(node);
                    }
                }
            }
        }
    }

    static List<JsonNode> ofKind(String kind) {
        return manifests.stream().filter(m -> m.path("kind").asString().equals(kind)).toList();
    }

    @Test
    void kindsAndApiVersionsAreKnownAndNoNamespaceIsHardCoded() {
        assertThat(manifests.stream().map(m -> m.path("kind").asString()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(API_VERSIONS.keySet());
        for (JsonNode m : manifests) {
            String kind = m.path("kind").asString();
            assertThat(m.path("apiVersion").asString()).as(kind).isEqualTo(API_VERSIONS.get(kind));
            assertThat(m.path("metadata").has("namespace")).as("%s has no metadata.namespace", kind).isFalse();
        }
    }

    @Test
    void theKustomizationListsEveryManifestAlphabetically() throws Exception {
        JsonNode kustomization = new YAMLMapper().readTree(Files.readString(APP.resolve("kustomization.yaml")));
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asString()));
        assertThat(resources).isSorted();
        try (Stream<Path> files = Files.list(APP)) {
            assertThat(files.map(p -> "./" + p.getFileName())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("./kustomization.yaml")
                            && !n.equals("./server.yaml")))
                    .containsExactlyInAnyOrderElementsOf(resources);
        }
        kustomization.path("configMapGenerator").forEach(generator -> generator.path("files").forEach(f ->
                assertThat(APP.resolve(f.asString().replaceFirst("^[^=]*=", ""))).isRegularFile()));
    }

    @Test
    void theDeploymentRunsNonRootReadOnlyWithoutCapabilities() {
        JsonNode pod = ofKind("Deployment").getFirst().path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1000);
        assertThat(pod.path("serviceAccountName").asString())
                .isEqualTo(ofKind("ServiceAccount").getFirst().path("metadata").path("name").asString());
        assertThat(pod.path("containers")).isNotEmpty();
        for (JsonNode container : pod.path("containers")) {
            JsonNode security = container.path("securityContext");
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");
            assertThat(container.path("image").asString()).matches("[^:]+:\\d+\\.\\d+\\.\\d+").doesNotEndWith(":latest");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/livez");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/readyz");
        }
    }

    static JsonNode clusterRole(String name) {
        return ofKind("ClusterRole").stream().filter(r -> r.path("metadata").path("name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void theDrillRoleGrantsExactlyWhatTheDrillCallsAndOnlyInItsSandbox() {
        Set<String> granted = new HashSet<>();
        for (JsonNode rule : clusterRole("rewind-server-drill").path("rules")) {
            rule.path("apiGroups").forEach(g -> rule.path("resources").forEach(r -> rule.path("verbs").forEach(v ->
                    granted.add(v.asString() + " " + g.asString() + " " + r.asString()))));
        }
        Set<String> needed = new HashSet<>();
        dev.rewind.drill.DrillPermissions.of("sandbox", false).forEach(p ->
                needed.add(p.verb() + " " + p.group() + " " + p.resource()));
        assertThat(granted).isEqualTo(needed);
        JsonNode binding = ofKind("RoleBinding").getFirst();
        assertThat(binding.path("roleRef").path("kind").asString()).isEqualTo("ClusterRole");
        assertThat(binding.path("roleRef").path("name").asString()).isEqualTo("rewind-server-drill");
        assertThat(binding.path("subjects").get(0).path("name").asString()).isEqualTo("rewind-server");
        assertThat(ofKind("ClusterRoleBinding")).allSatisfy(b -> assertThat(b.path("roleRef").path("name")
                .asString()).isNotEqualTo("rewind-server-drill"));
    }

    @Test
    void theClusterRoleIsReadOnlyAndNeverListsSecrets() {
        Set<String> readOnly = Set.of("get", "list", "watch");
        JsonNode role = clusterRole("rewind-server");
        for (JsonNode rule : role.path("rules")) {
            List<String> verbs = new ArrayList<>();
            rule.path("verbs").forEach(v -> verbs.add(v.asString()));
            assertThat(readOnly).as("read-only verbs").containsAll(verbs);
            rule.path("resources").forEach(r -> {
                assertThat(r.asString()).isNotEqualTo("*");
                if (r.asString().equals("secrets")) {
                    assertThat(verbs).as("secrets are read by name only").containsExactly("get");
                }
            });
            rule.path("apiGroups").forEach(g -> assertThat(g.asString()).isNotEqualTo("*"));
        }
        JsonNode binding = ofKind("ClusterRoleBinding").getFirst();
        assertThat(binding.path("roleRef").path("name").asString())
                .isEqualTo(role.path("metadata").path("name").asString());
        assertThat(binding.path("subjects").get(0).path("name").asString()).isEqualTo("rewind-server");
    }

    @Test
    void backupTriggerWriteAccessIsAnOptInComponentThatOnlyPatchesReplicationSources() throws Exception {
        JsonNode component = new YAMLMapper().readTree(Files.readString(BACKUP_TRIGGER.resolve("kustomization.yaml")));
        assertThat(component.path("kind").asString()).isEqualTo("Component");
        assertThat(component.path("apiVersion").asString()).isEqualTo("kustomize.config.k8s.io/v1alpha1");
        List<String> resources = new ArrayList<>();
        component.path("resources").forEach(r -> resources.add(r.asString()));
        assertThat(resources).containsExactly("./clusterrole.yaml", "./clusterrolebinding.yaml");
        JsonNode app = new YAMLMapper().readTree(Files.readString(APP.resolve("kustomization.yaml")));
        assertThat(app.has("components")).as("off by default").isFalse();

        assertThat(backupTrigger).extracting(m -> m.path("kind").asString())
                .containsExactlyInAnyOrder("ClusterRole", "ClusterRoleBinding");
        JsonNode role = backupTrigger.stream().filter(m -> m.path("kind").asString().equals("ClusterRole"))
                .findFirst().orElseThrow();
        assertThat(role.path("rules")).hasSize(1);
        JsonNode rule = role.path("rules").get(0);
        assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"volsync.backube\"]");
        assertThat(rule.path("resources").toString()).isEqualTo("[\"replicationsources\"]");
        assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\",\"patch\"]");
        JsonNode binding = backupTrigger.stream().filter(m -> m.path("kind").asString().equals("ClusterRoleBinding"))
                .findFirst().orElseThrow();
        assertThat(binding.path("roleRef").path("name").asString())
                .isEqualTo(role.path("metadata").path("name").asString());
        assertThat(binding.path("subjects").get(0).path("name").asString()).isEqualTo("rewind-server");
        for (JsonNode m : backupTrigger) {
            assertThat(m.path("apiVersion").asString()).isEqualTo(API_VERSIONS.get(m.path("kind").asString()));
            assertThat(m.path("metadata").has("namespace")).isFalse();
        }
    }

    @Test
    void theDeploymentConfigurationDiscoversTheClusterWithoutBackupTriggers() throws Exception {
        // its password files exist only in the pod: read the cluster section alone
        JsonNode server = new YAMLMapper().readTree(Files.readString(APP.resolve("server.yaml")));
        var discovery = new ClusterSection(APP).read(server.path("cluster"));
        assertThat(discovery).isPresent();
        assertThat(discovery.get().namespaces()).as("every namespace").isEmpty();
        assertThat(discovery.get().backup()).as("backup triggers off by default").isEmpty();
    }

    @Test
    void theServerKnowsItsNamespaceForTheDrillSandbox() {
        JsonNode container = ofKind("Deployment").getFirst().path("spec").path("template").path("spec")
                .path("containers").get(0);
        List<String> fieldPaths = new ArrayList<>();
        container.path("env").forEach(e -> {
            if (e.path("name").asString().equals(PodNamespace.ENV)) {
                fieldPaths.add(e.path("valueFrom").path("fieldRef").path("fieldPath").asString());
            }
        });
        assertThat(fieldPaths).containsExactly("metadata.namespace");
    }

    @Test
    void serviceMonitorSelectsTheServiceWhichSelectsThePods() {
        JsonNode service = ofKind("Service").getFirst();
        JsonNode monitor = ofKind("ServiceMonitor").getFirst();
        JsonNode deployment = ofKind("Deployment").getFirst();
        monitor.path("spec").path("selector").path("matchLabels").properties().forEach(label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asString())
                        .as("Service label %s", label.getKey()).isEqualTo(label.getValue().asString()));
        Set<String> portNames = new HashSet<>();
        service.path("spec").path("ports").forEach(p -> portNames.add(p.path("name").asString()));
        monitor.path("spec").path("endpoints").forEach(e -> {
            assertThat(portNames).contains(e.path("port").asString());
            assertThat(e.path("path").asString()).isEqualTo("/metrics");
        });
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").properties().forEach(label ->
                assertThat(podLabels.path(label.getKey()).asString()).isEqualTo(label.getValue().asString()));
    }

    @Test
    void theDrillStaleAlertSeesAnAppWhoseDrillsNeverPassed() {
        String expr = "";
        for (JsonNode group : ofKind("PrometheusRule").getFirst().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("alert").asString().equals("RewindDrillStale")) {
                    expr = rule.path("expr").asString();
                }
            }
        }
        DrillBoard board = new DrillBoard();
        board.record(dev.rewind.drill.DrillResult.refused(dev.rewind.drill.DrillRequest.of("gone", "default",
                new dev.rewind.drill.DrillSelection.Generation(dev.rewind.drill.DrillGeneration.WEEKLY)),
                new dev.rewind.error.RewindException(dev.rewind.error.Reason.NOT_FOUND, "no app gone"),
                java.time.Instant.parse("2026-11-30T04:30:00Z")));
        StringBuilder exported = new StringBuilder();
        DrillMetrics.append(exported, board);

        assertThat(metricsIn(expr)).isNotEmpty().allSatisfy(metric -> assertThat(exported.toString()).contains(
                metric + "{app=\"gone\",namespace=\"default\",generation=\"weekly\"} 0\n"));
    }

    @Test
    void alertsAndDashboardNameOnlyMetricsTheServerExports() throws Exception {
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : ofKind("PrometheusRule").getFirst().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asString());
                String expr = rule.path("expr").asString();
                assertThat(metricsIn(expr)).as(expr).isNotEmpty().isSubsetOf(MetricsExposition.FAMILIES);
            }
        }
        assertThat(alerts).contains("RewindBackupStale", "RewindVerificationFailed", "RewindWalGap",
                "RewindServerDown", "RewindDrillFailed", "RewindDrillStale");
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(APP.resolve(
                "grafana-dashboard.json")));
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                assertThat(metricsIn(expr)).as(expr).isNotEmpty().isSubsetOf(MetricsExposition.FAMILIES);
            }
        }
    }

    private static Set<String> metricsIn(String expr) {
        Set<String> names = new HashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
