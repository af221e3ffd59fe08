package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.AppDiscovery;
import dev.rewind.app.EnvSource;
import dev.rewind.app.ValueLocation;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.wholeapp.AppDatabase;
import dev.rewind.restore.wholeapp.DatabaseFinder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-app restore's configuration adapter on the mock API server: env literals, ConfigMap key references,
 * Poolers, and the value switch of a literal env value.
 */
class Fabric8AppEnvironmentTest {
    private final MockCluster cluster = new MockCluster();
    private final Fabric8AppEnvironment environment = new Fabric8AppEnvironment(cluster.client());

    Fabric8AppEnvironmentTest() {
        new ReferenceCluster(cluster).componentApp("wiki", "apps", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        CnpgFixtures.referencePostgres(cluster);
        cluster.server().expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Pooler").withPlural("poolers")
                .withName("poolers.postgresql.cnpg.io").withScope("Namespaced").build());
        GenericKubernetesResource pooler = new GenericKubernetesResource();
        pooler.setApiVersion("postgresql.cnpg.io/v1");
        pooler.setKind("Pooler");
        pooler.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("pooler-postgres-rw")
                .withNamespace("postgresql-system").build());
        pooler.setAdditionalProperty("spec", Map.of("cluster", Map.of("name", "postgres"), "type", "rw"));
        cluster.client().genericKubernetesResources(Fabric8AppEnvironment.POOLER).inNamespace("postgresql-system")
                .resource(pooler).create();
        cluster.client().configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("wiki-config").withNamespace("apps").endMetadata()
                .withData(Map.of("DB_RO", "postgres-ro.postgresql-system.svc")).build()).create();
        Map<String, Object> container = Map.of("name", "main", "image", "wiki:1", "env", List.of(
                Map.of("name", "DB_HOST", "value", "pooler-postgres-rw.postgresql-system"),
                Map.of("name", "DB_RO", "valueFrom", Map.of("configMapKeyRef",
                        Map.of("name", "wiki-config", "key", "DB_RO")))));
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("spec",
                Map.of("containers", List.of(container)))));
        cluster.client().apps().deployments().inNamespace("apps").withName("wiki").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build(),
                cluster.client().getKubernetesSerialization().asJson(patch));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void readsLiteralsAndKeyReferencesAndFindsTheClusterThroughAPooler() {
        var reader = cluster.reader();
        var app = new AppDiscovery(reader).get("wiki", Optional.of("apps"));
        assertThat(environment.environment(app.workloads().getFirst())).contains(
                new EnvSource.Literal("main", "DB_HOST", "pooler-postgres-rw.postgresql-system"));
        assertThat(environment.poolers("postgresql-system")).containsEntry("pooler-postgres-rw", "postgres");

        AppDatabase db = new DatabaseFinder(environment, reader).find(app, Optional.empty());

        assertThat(db.namespace()).isEqualTo("postgresql-system");
        assertThat(db.cluster()).isEqualTo("postgres");
        assertThat(db.references()).extracting(r -> r.location().toString() + (r.pooler().isPresent() ? " pooler" : ""))
                .containsExactlyInAnyOrder("Deployment apps/wiki container main env DB_HOST pooler",
                        "ConfigMap apps/wiki-config key DB_RO");
        reader.close();
    }

    @Test
    void switchesALiteralEnvValueAndRefusesAMissingVariable() {
        var location = new ValueLocation.EnvVar(WorkloadKind.DEPLOYMENT, "apps", "wiki", "main", "DB_HOST");

        environment.setValue(location, "postgres-new-rw.postgresql-system");

        assertThat(environment.findValue(location)).contains("postgres-new-rw.postgresql-system");
        var missing = new ValueLocation.EnvVar(WorkloadKind.DEPLOYMENT, "apps", "wiki", "main", "NOPE");
        assertThatThrownBy(() -> environment.setValue(missing, "x")).isInstanceOfSatisfying(RewindException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("env NOPE");
                });
    }

    @Test
    void poolersAndExternalSecretsReadAsEmptyWhenTheirCrdIsMissing() {
        assertThat(environment.externalSecrets("apps")).isEmpty();
    }
}
