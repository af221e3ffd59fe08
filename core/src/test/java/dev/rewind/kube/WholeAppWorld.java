package dev.rewind.kube;

import dev.rewind.app.AppEnvironment;
import dev.rewind.app.PostgresControl;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.storage.BlobStoreFactory;
import dev.rewind.storage.ManualClock;
import dev.rewind.storage.RetryPolicy;
import dev.rewind.storage.s3.S3ProxyServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Test support for the whole-app restore: a {@link SimulatedCluster} (paperless-ngx with its Volsync component) plus
 * the reference cluster's shared CNPG cluster {@code postgresql-system/postgres}, whose ObjectStore points at an
 * in-JVM S3 server holding a REAL barman-cloud archive ({@link RealArchiveFixture}), a {@link SimulatedCnpg} that
 * makes recovery Clusters healthy and completes Backups, and paperless-ngx's database configuration as its
 * ExternalSecret renders it: Secret {@code paperless-secret} (owned by ExternalSecret {@code paperless}) with
 * {@code PAPERLESS_DBHOST} and {@code INIT_POSTGRES_HOST} = {@code postgres-rw.postgresql-system.svc.cluster.local},
 * read by the StatefulSet through {@code envFrom}.
 */
public final class WholeAppWorld implements AutoCloseable {
    public static final String DB_NAMESPACE = "postgresql-system";
    public static final String DB_HOST = "postgres-rw.postgresql-system.svc.cluster.local";
    public static final String DB_PASSWORD = "test-only-db-password-not-real";
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build();

    private final SimulatedCluster simulated;
    private final MockCluster mock;
    private final KubernetesClient client;
    private final SimulatedCnpg cnpg;
    private final S3ProxyServer s3;
    private final ManualClock clock;
    private final KubernetesClient environmentClient;
    private final Fabric8AppEnvironment environment;
    private final Fabric8PostgresControl control;
    private final Fabric8ClusterReader reader;
    private boolean cnpgPaused;
    private final Map<String, Map<String, String>> rendered = new LinkedHashMap<>();

    /** Adds the database side to {@code simulated}; moves {@code clock} past the archive's newest upload. */
    public WholeAppWorld(SimulatedCluster simulated, ManualClock clock) throws Exception {
        this.simulated = simulated;
        this.clock = clock;
        this.mock = simulated.mockCluster();
        this.client = mock.client();
        for (String[] crd : List.of(new String[]{"external-secrets.io", "ExternalSecret", "externalsecrets"},
                new String[]{"postgresql.cnpg.io", "Pooler", "poolers"})) {
            mock.server().expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(crd[0])
                    .withVersion("v1").withKind(crd[1]).withPlural(crd[2]).withName(crd[2] + "." + crd[0])
                    .withScope("Namespaced").build());
        }
        new ReferenceCluster(mock).postgresCluster();
        CnpgFixtures.secret(mock, CnpgFixtures.CREDENTIALS, Map.of("ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        s3 = S3ProxyServer.start();
        s3.createBucket("postgres-backups");
        RealArchiveFixture.objects("postgres").forEach((key, object) -> s3.put("postgres-backups", key,
                object.bytes()));
        CnpgFixtures.patchSpec(mock, ResourceKind.OBJECT_STORE, "postgres-s3-backup", Map.of("configuration",
                Map.of("destinationPath", "s3://postgres-backups", "endpointURL", s3.endpoint().toString(),
                        "s3Credentials", Map.of(
                                "accessKeyId", Map.of("name", CnpgFixtures.CREDENTIALS, "key", "ACCESS_KEY_ID"),
                                "secretAccessKey", Map.of("name", CnpgFixtures.CREDENTIALS, "key",
                                        "SECRET_ACCESS_KEY")),
                        "wal", Map.of("compression", "gzip"))));
        Instant newest = s3.admin().listObjectsV2(b -> b.bucket("postgres-backups")).contents().stream()
                .map(o -> o.lastModified()).max(Comparator.naturalOrder()).orElseThrow();
        if (clock.instant().isBefore(newest.plusSeconds(5))) {
            clock.advance(Duration.between(clock.instant(), newest.plusSeconds(5)));
        }
        cnpg = new SimulatedCnpg(client, clock);
        reader = mock.reader();
        control = new Fabric8PostgresControl(reader);
        environmentClient = mock.server().createClient();
        environment = new Fabric8AppEnvironment(environmentClient);
    }

    /** paperless-ngx's ExternalSecret and the Secret it renders, read by the StatefulSet through envFrom. */
    public WholeAppWorld paperlessDatabaseSecret() {
        GenericKubernetesResource es = client.getKubernetesSerialization().unmarshal(MockCluster.resource(
                "bpg-dev-home-ops/apps/default/paperless-ngx/externalsecrets.yaml"), GenericKubernetesResource.class);
        es.getMetadata().setNamespace(SimulatedCluster.NAMESPACE);
        es = client.genericKubernetesResources(Fabric8AppEnvironment.EXTERNAL_SECRET)
                .inNamespace(SimulatedCluster.NAMESPACE).resource(es).create();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PAPERLESS_DBENGINE", "postgresql");
        values.put("PAPERLESS_DBPORT", "5432");
        values.put("PAPERLESS_DBNAME", "paperless");
        values.put("PAPERLESS_DBHOST", DB_HOST);
        values.put("PAPERLESS_DBPASS", DB_PASSWORD);
        values.put("INIT_POSTGRES_HOST", DB_HOST);
        secret("paperless-secret", values, Optional.of(es));
        envFrom("paperless-secret");
        renderLikeExternalSecrets("paperless-secret");
        return this;
    }

    /** A plain Secret {@code name} with {@code values}, optionally owned by an ExternalSecret. */
    public void secret(String name, Map<String, String> values, Optional<GenericKubernetesResource> owner) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        var builder = new SecretBuilder().withNewMetadata().withName(name).withNamespace(SimulatedCluster.NAMESPACE)
                .endMetadata().withType("Opaque").withData(data);
        owner.ifPresent(o -> builder.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("external-secrets.io/v1").withKind("ExternalSecret").withName(o.getMetadata()
                        .getName()).withUid(Optional.ofNullable(o.getMetadata().getUid()).orElse("es-uid"))
                .withController(true).build()).addToLabels("reconcile.external-secrets.io/created-by", "abc123")
                .endMetadata());
        client.secrets().inNamespace(SimulatedCluster.NAMESPACE).resource(builder.build()).create();
    }

    /** The StatefulSet's container {@code main} reads Secret {@code secret} through envFrom. */
    public void envFrom(String secret) {
        client.apps().statefulSets().inNamespace(SimulatedCluster.NAMESPACE).withName(SimulatedCluster.APP)
                .patch(MERGE, client.getKubernetesSerialization().asJson(Map.of("spec", Map.of("template",
                        Map.of("spec", Map.of("containers", List.of(Map.of("name", "main",
                                "image", "ghcr.io/example/paperless-ngx:1.0.0",
                                "envFrom", List.of(Map.of("secretRef", Map.of("name", secret)))))))))));
    }

    /** A Secret key's current value. */
    public String secretValue(String name, String key) {
        var secret = client.secrets().inNamespace(SimulatedCluster.NAMESPACE).withName(name).get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** One step of every simulated controller (Volsync, Flux, workloads, snapshots, CNPG). */
    public void step() {
        simulated.step();
        rendered.forEach((name, data) -> {
            var secret = client.secrets().inNamespace(SimulatedCluster.NAMESPACE).withName(name).get();
            if (secret != null && !data.equals(secret.getData())) {
                secret.setData(data);
                client.secrets().inNamespace(SimulatedCluster.NAMESPACE).resource(secret).update();
            }
        });
        if (!cnpgPaused) {
            cnpg.step();
        }
    }

    /** While paused, CNPG makes no progress (a recovery that takes long); resuming lets it continue. */
    public void pauseCnpg(boolean paused) {
        cnpgPaused = paused;
    }

    /** The simulated CNPG, e.g. to make a recovery stick or freeze. */
    public void stickAt(String cluster, String phase) {
        cnpg.stickAt(cluster, phase);
    }

    public void freezeCnpg() {
        cnpg.freeze();
    }

    /** CNPG Clusters in the database namespace. */
    public List<String> postgresClusters() {
        return client.genericKubernetesResources(ResourceKind.POSTGRES_CLUSTER.context()).inNamespace(DB_NAMESPACE)
                .list().getItems().stream().map(r -> r.getMetadata().getName()).toList();
    }

    /** A CNPG Cluster's spec. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> postgresClusterSpec(String name) {
        return (Map<String, Object>) client.genericKubernetesResources(ResourceKind.POSTGRES_CLUSTER.context())
                .inNamespace(DB_NAMESPACE).withName(name).get().getAdditionalProperties().get("spec");
    }

    public AppEnvironment environment() {
        return environment;
    }

    public PostgresControl control() {
        return control;
    }

    public BlobStoreFactory stores() {
        return new BlobStoreFactory(RetryPolicy.DEFAULT, clock, d -> clock.advance(d),
                RandomGenerator.of("L64X128MixRandom"));
    }

    @Override
    public void close() {
        reader.close();
        environmentClient.close();
        s3.close();
    }

    // ---- connection switch that does not hold (appended)

    /**
     * paperless-ngx's database values in a Secret {@code paperless-secret} nobody owns (created by hand), read by the
     * StatefulSet through envFrom: a switch of it holds.
     */
    public WholeAppWorld handMadeDatabaseSecret() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PAPERLESS_DBENGINE", "postgresql");
        values.put("PAPERLESS_DBHOST", DB_HOST);
        values.put("PAPERLESS_DBPASS", DB_PASSWORD);
        values.put("INIT_POSTGRES_HOST", DB_HOST);
        secret("paperless-secret", values, Optional.empty());
        envFrom("paperless-secret");
        return this;
    }

    /**
     * From now on Secret {@code name} behaves like one External Secrets renders: at every {@link #step} a change of
     * its data is put back to the data it has now, as the controller does within seconds when the data no longer
     * matches its {@code reconcile.external-secrets.io/data-hash} annotation.
     */
    public void renderLikeExternalSecrets(String name) {
        rendered.put(name, Map.copyOf(client.secrets().inNamespace(SimulatedCluster.NAMESPACE).withName(name).get()
                .getData()));
    }
}
