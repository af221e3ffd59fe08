package dev.rewind.kube;

import dev.rewind.app.PostgresControl;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cnpg.Backup;
import dev.rewind.cnpg.Cluster;
import dev.rewind.cnpg.ClusterTemplate;
import dev.rewind.cnpg.Manifest;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link PostgresControl} over the fabric8 client of a {@link Fabric8ClusterReader} (same connection, same failure
 * translation). Objects are read and created as {@link GenericKubernetesResource}s with explicit
 * group/version/plural. Thread-safe. Does not own the client: close the reader.
 */
public final class Fabric8PostgresControl implements PostgresControl {
    private final Fabric8ClusterReader reader;

    public Fabric8PostgresControl(Fabric8ClusterReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Optional<Cluster> findCluster(String namespace, String name) {
        return get(ResourceKind.POSTGRES_CLUSTER, namespace, name, CustomResourceMapper::postgresCluster);
    }

    @Override
    public Optional<ClusterTemplate> findClusterTemplate(String namespace, String name) {
        return get(ResourceKind.POSTGRES_CLUSTER, namespace, name, ClusterTemplateMapper::template);
    }

    @Override
    public Optional<Backup> findBackup(String namespace, String name) {
        return get(ResourceKind.POSTGRES_BACKUP, namespace, name, CustomResourceMapper::postgresBackup);
    }

    @Override
    public void create(Manifest manifest) {
        ResourceKind kind = kindOf(manifest);
        GenericKubernetesResource object = toResource(manifest);
        reader.call("create", kind, NamespaceScope.of(manifest.namespace()), () -> {
            try {
                return reader.client().genericKubernetesResources(kind.context()).inNamespace(manifest.namespace())
                        .resource(object).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw new RewindException(Reason.CONFLICT, manifest.describe() + " already exists",
                            "choose another name; rewind never replaces an existing " + kind.kind(), e);
                }
                throw e;
            }
        });
    }

    private <T> Optional<T> get(ResourceKind kind, String namespace, String name,
                                Function<GenericKubernetesResource, T> mapper) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        GenericKubernetesResource found = reader.call("get", kind, NamespaceScope.of(namespace),
                () -> reader.client().genericKubernetesResources(kind.context()).inNamespace(namespace)
                        .withName(name).get());
        if (found == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.apply(found));
        } catch (MalformedObjectException e) {
            throw new RewindException(Reason.INVALID_INPUT, e.getMessage());
        }
    }

    private static ResourceKind kindOf(Manifest manifest) {
        for (ResourceKind kind : new ResourceKind[] {ResourceKind.POSTGRES_CLUSTER, ResourceKind.POSTGRES_BACKUP}) {
            if (kind.apiVersion().equals(manifest.apiVersion()) && kind.kind().equals(manifest.kind())) {
                return kind;
            }
        }
        throw new RewindException(Reason.INVALID_INPUT, "rewind only creates CNPG Clusters and Backups, not "
                + manifest.apiVersion() + " " + manifest.kind());
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource toResource(Manifest manifest) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(manifest.apiVersion());
        object.setKind(manifest.kind());
        ObjectMeta meta = new ObjectMeta();
        meta.setName(manifest.name());
        meta.setNamespace(manifest.namespace());
        Object labels = manifest.metadata().get("labels");
        if (labels instanceof Map<?, ?> m) {
            meta.setLabels(new LinkedHashMap<>((Map<String, String>) m));
        }
        Object annotations = manifest.metadata().get("annotations");
        if (annotations instanceof Map<?, ?> m) {
            meta.setAnnotations(new LinkedHashMap<>((Map<String, String>) m));
        }
        object.setMetadata(meta);
        manifest.document().forEach((key, value) -> {
            if (!key.equals("apiVersion") && !key.equals("kind") && !key.equals("metadata")) {
                object.setAdditionalProperty(key, value);
            }
        });
        return object;
    }
}
