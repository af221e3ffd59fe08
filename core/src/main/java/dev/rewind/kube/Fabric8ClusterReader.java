package dev.rewind.kube;

import dev.rewind.app.ClusterReader;
import dev.rewind.app.SecretData;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.TypedObjectRef;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ObjectStore;
import dev.rewind.cnpg.ScheduledBackup;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.volsync.KopiaMaintenance;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.TypedObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ClusterReader} over the fabric8 Kubernetes client (8.x). Custom resources are read as
 * {@link GenericKubernetesResource}s with explicit group/version/plural (no discovery requests), core kinds with the
 * typed models. Each {@code list…} call is one HTTP LIST; Secrets are one GET by name, decoded in memory and never
 * logged.
 *
 * <p>Failures become {@link RewindException}s: connection refused / unknown host / timeouts → UNAVAILABLE
 * "cannot reach the Kubernetes API server at &lt;url&gt;"; 401 → UNAVAILABLE (credentials); 403 → UNAVAILABLE
 * "forbidden: &lt;verb&gt; &lt;resource&gt; in &lt;namespace&gt;" with an RBAC hint; 404 on a custom kind →
 * NOT_FOUND naming the CRD that is not installed; 5xx/429 → UNAVAILABLE; a malformed object → INVALID_INPUT naming
 * it; an interrupted call → INTERRUPTED. Messages never contain Secret values.
 *
 * <p>Thread-safe (the fabric8 client is). Close it to release the client's connections.
 */
public final class Fabric8ClusterReader implements ClusterReader, AutoCloseable {
    private final KubernetesClient client;
    private final ApiCall api;

    /** Wraps a client the caller built (tests: the mock server's client). The reader closes it on {@link #close()}. */
    public Fabric8ClusterReader(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.api = new ApiCall(client);
    }

    /** Retries of a failed request; fabric8's default of 10 makes an unreachable server take ~20 s to report. */
    static final int MAX_REQUEST_RETRIES = 3;

    /**
     * Connects like kubectl: {@code KUBECONFIG} / {@code ~/.kube/config} or the in-cluster service account. Nothing
     * is sent until the first call. Request retries are capped at {@value #MAX_REQUEST_RETRIES} (exponential backoff
     * from 100 ms) so that an unreachable API server is reported within about a second.
     *
     * @param context kubeconfig context to use ({@code --context}); empty = the kubeconfig's current context
     */
    public static Fabric8ClusterReader connect(Optional<String> context) {
        Config config = Config.autoConfigure(context.orElse(null));
        Integer retries = config.getRequestRetryBackoffLimit();
        config.setRequestRetryBackoffLimit(retries == null ? MAX_REQUEST_RETRIES : Math.min(retries, MAX_REQUEST_RETRIES));
        return new Fabric8ClusterReader(new KubernetesClientBuilder().withConfig(config).build());
    }

    /** The underlying client, for the other adapters of this package (which do not close it). */
    KubernetesClient client() {
        return client;
    }

    /** The API server URL, for messages. */
    public String masterUrl() {
        return String.valueOf(client.getMasterUrl());
    }

    /** The namespace of the selected kubeconfig context (or the pod's namespace in-cluster), if any. */
    public Optional<String> contextNamespace() {
        return Optional.ofNullable(client.getNamespace()).filter(s -> !s.isEmpty());
    }

    @Override
    public void close() {
        client.close();
    }

    // ---- custom resources

    @Override
    public List<ReplicationSource> listReplicationSources(NamespaceScope scope) {
        return listCustom(ResourceKind.REPLICATION_SOURCE, scope, CustomResourceMapper::replicationSource);
    }

    @Override
    public List<ReplicationDestination> listReplicationDestinations(NamespaceScope scope) {
        return listCustom(ResourceKind.REPLICATION_DESTINATION, scope, CustomResourceMapper::replicationDestination);
    }

    @Override
    public List<KopiaMaintenance> listKopiaMaintenances(NamespaceScope scope) {
        return listCustom(ResourceKind.KOPIA_MAINTENANCE, scope, CustomResourceMapper::kopiaMaintenance);
    }

    @Override
    public List<FluxKustomization> listKustomizations(NamespaceScope scope) {
        return listCustom(ResourceKind.KUSTOMIZATION, scope, CustomResourceMapper::kustomization);
    }

    @Override
    public List<FluxHelmRelease> listHelmReleases(NamespaceScope scope) {
        return listCustom(ResourceKind.HELM_RELEASE, scope, CustomResourceMapper::helmRelease);
    }

    @Override
    public List<Cluster> listPostgresClusters(NamespaceScope scope) {
        return listCustom(ResourceKind.POSTGRES_CLUSTER, scope, CustomResourceMapper::postgresCluster);
    }

    @Override
    public List<Backup> listPostgresBackups(NamespaceScope scope) {
        return listCustom(ResourceKind.POSTGRES_BACKUP, scope, CustomResourceMapper::postgresBackup);
    }

    @Override
    public List<ScheduledBackup> listScheduledBackups(NamespaceScope scope) {
        return listCustom(ResourceKind.SCHEDULED_BACKUP, scope, CustomResourceMapper::scheduledBackup);
    }

    @Override
    public List<ObjectStore> listObjectStores(NamespaceScope scope) {
        return listCustom(ResourceKind.OBJECT_STORE, scope, CustomResourceMapper::objectStore);
    }

    private <T> List<T> listCustom(ResourceKind kind, NamespaceScope scope,
                                   Function<GenericKubernetesResource, T> mapper) {
        List<GenericKubernetesResource> items = call("list", kind, scope,
                () -> within(client.genericKubernetesResources(kind.context()), scope).list().getItems());
        return mapAll(items, mapper);
    }

    // ---- core kinds

    @Override
    public List<PersistentVolumeClaim> listPersistentVolumeClaims(NamespaceScope scope) {
        var items = call("list", ResourceKind.PERSISTENT_VOLUME_CLAIM, scope,
                () -> within(client.persistentVolumeClaims(), scope).list().getItems());
        return mapAll(items, Fabric8ClusterReader::claim);
    }

    @Override
    public List<Workload> listWorkloads(NamespaceScope scope) {
        var deployments = call("list", ResourceKind.DEPLOYMENT, scope,
                () -> within(client.apps().deployments(), scope).list().getItems());
        var statefulSets = call("list", ResourceKind.STATEFUL_SET, scope,
                () -> within(client.apps().statefulSets(), scope).list().getItems());
        List<Workload> workloads = new ArrayList<>();
        workloads.addAll(mapAll(deployments, d -> workload(WorkloadKind.DEPLOYMENT, d,
                d.getSpec() == null ? null : d.getSpec().getReplicas(),
                d.getSpec() == null ? null : d.getSpec().getTemplate())));
        workloads.addAll(mapAll(statefulSets, s -> workload(WorkloadKind.STATEFUL_SET, s,
                s.getSpec() == null ? null : s.getSpec().getReplicas(),
                s.getSpec() == null ? null : s.getSpec().getTemplate())));
        return List.copyOf(workloads);
    }

    @Override
    public Optional<SecretData> findSecret(String namespace, String name) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Secret secret = call("get", ResourceKind.SECRET, NamespaceScope.of(namespace),
                () -> client.secrets().inNamespace(namespace).withName(name).get());
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, String> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                try {
                    data.put(k, new String(Base64.getDecoder().decode(v == null ? "" : v.trim()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new RewindException(Reason.INVALID_INPUT, "Secret " + namespace + "/" + name + " key " + k
                            + " is not valid base64");
                }
            });
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return Optional.of(new SecretData(namespace, name, data));
    }

    private static PersistentVolumeClaim claim(io.fabric8.kubernetes.api.model.PersistentVolumeClaim pvc) {
        var spec = pvc.getSpec();
        Optional<String> storage = Optional.ofNullable(spec)
                .map(s -> s.getResources())
                .map(r -> r.getRequests())
                .map(req -> req.get("storage"))
                .map(Quantity::toString);
        Optional<TypedObjectRef> dataSourceRef = Optional.ofNullable(spec).map(s -> s.getDataSourceRef())
                .map((TypedObjectReference ref) -> new TypedObjectRef(Optional.ofNullable(ref.getApiGroup())
                        .filter(g -> !g.isEmpty()), ref.getKind(), ref.getName()));
        return new PersistentVolumeClaim(pvc.getMetadata().getName(), pvc.getMetadata().getNamespace(), storage,
                Optional.ofNullable(spec).map(s -> s.getStorageClassName()),
                spec == null || spec.getAccessModes() == null ? List.of() : spec.getAccessModes(),
                labels(pvc), dataSourceRef,
                Optional.ofNullable(pvc.getStatus()).map(s -> s.getPhase()),
                Optional.ofNullable(spec).map(s -> s.getVolumeName()).filter(v -> !v.isEmpty()));
    }

    private static Workload workload(WorkloadKind kind, HasMetadata object, Integer replicas, PodTemplateSpec template) {
        List<String> claims = Optional.ofNullable(template).map(PodTemplateSpec::getSpec).map(PodSpec::getVolumes)
                .orElse(List.of()).stream()
                .map(Volume::getPersistentVolumeClaim)
                .filter(Objects::nonNull)
                .map(c -> c.getClaimName())
                .filter(Objects::nonNull)
                .toList();
        return new Workload(kind, object.getMetadata().getName(), object.getMetadata().getNamespace(),
                replicas == null ? 1 : replicas, claims, labels(object));
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    // ---- plumbing

    private static <T extends HasMetadata, L, R extends Resource<T>> Listable<L> within(
            MixedOperation<T, L, R> operation, NamespaceScope scope) {
        return switch (scope) {
            case NamespaceScope.AllNamespaces all -> operation.inAnyNamespace();
            case NamespaceScope.Namespace ns -> operation.inNamespace(ns.name());
        };
    }

    private static <S, T> List<T> mapAll(List<S> items, Function<S, T> mapper) {
        List<T> out = new ArrayList<>(items.size());
        for (S item : items) {
            try {
                out.add(mapper.apply(item));
            } catch (MalformedObjectException e) {
                throw new RewindException(Reason.INVALID_INPUT, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Runs one API call, translating client failures (package-private: shared with the other adapters). */
    <T> T call(String verb, ResourceKind kind, NamespaceScope scope, Supplier<T> operation) {
        return api.call(verb, kind, scope, operation);
    }
}
