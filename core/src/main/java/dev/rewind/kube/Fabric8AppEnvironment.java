package dev.rewind.kube;

import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ClusterActions;
import dev.rewind.app.ConfigKind;
import dev.rewind.app.ConfigSource;
import dev.rewind.app.EnvSource;
import dev.rewind.app.ExternalSecretTemplate;
import dev.rewind.app.ValueLocation;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AppEnvironment} over the fabric8 client: typed reads of Deployments, StatefulSets, Secrets and ConfigMaps;
 * CNPG Poolers and ExternalSecrets as generic resources (explicit group/version/plural, no discovery; a 404 means the
 * CRD is not installed and reads as empty). {@link #setValue} sends a JSON merge patch of one {@code data} key, or a
 * JSON patch that tests the container and variable name before replacing one {@code env[].value}. Failures are
 * translated as by {@link Fabric8ClusterActions}. Thread-safe.
 */
public final class Fabric8AppEnvironment implements AppEnvironment {
    static final ResourceDefinitionContext POOLER = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Pooler").withPlural("poolers")
            .withNamespaced(true).build();
    static final ResourceDefinitionContext EXTERNAL_SECRET = new ResourceDefinitionContext.Builder()
            .withGroup("external-secrets.io").withVersion("v1").withKind("ExternalSecret")
            .withPlural("externalsecrets").withNamespaced(true).build();
    private static final PatchContext MERGE = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(ClusterActions.FIELD_MANAGER).build();
    private static final PatchContext JSON_PATCH = new PatchContext.Builder().withPatchType(PatchType.JSON)
            .withFieldManager(ClusterActions.FIELD_MANAGER).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;
    private final Fabric8ClusterActions calls;

    public Fabric8AppEnvironment(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.calls = new Fabric8ClusterActions(client);
    }

    @Override
    public List<EnvSource> environment(Workload workload) {
        List<EnvSource> out = new ArrayList<>();
        Optional<PodTemplateSpec> template = template(workload.kind(), workload.namespace(), workload.name());
        template.ifPresent(t -> {
            List<Container> containers = new ArrayList<>();
            containers.addAll(Optional.ofNullable(t.getSpec().getInitContainers()).orElse(List.of()));
            containers.addAll(Optional.ofNullable(t.getSpec().getContainers()).orElse(List.of()));
            for (Container c : containers) {
                for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (e.getValue() != null) {
                        out.add(new EnvSource.Literal(c.getName(), e.getName(), e.getValue()));
                    } else if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        var ref = e.getValueFrom().getSecretKeyRef();
                        out.add(new EnvSource.KeyRef(c.getName(), e.getName(), ConfigKind.SECRET, ref.getName(),
                                ref.getKey()));
                    } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = e.getValueFrom().getConfigMapKeyRef();
                        out.add(new EnvSource.KeyRef(c.getName(), e.getName(), ConfigKind.CONFIG_MAP, ref.getName(),
                                ref.getKey()));
                    }
                }
                for (EnvFromSource f : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (f.getSecretRef() != null) {
                        out.add(new EnvSource.FromObject(c.getName(), ConfigKind.SECRET, f.getSecretRef().getName()));
                    } else if (f.getConfigMapRef() != null) {
                        out.add(new EnvSource.FromObject(c.getName(), ConfigKind.CONFIG_MAP,
                                f.getConfigMapRef().getName()));
                    }
                }
            }
        });
        return out;
    }

    @Override
    public Optional<ConfigSource> findConfigSource(ConfigKind kind, String namespace, String name) {
        return switch (kind) {
            case SECRET -> Optional.ofNullable(calls.call("get", "secrets", namespace,
                            () -> client.secrets().inNamespace(namespace).withName(name).get()))
                    .map(s -> source(kind, s, decoded(s)));
            case CONFIG_MAP -> Optional.ofNullable(calls.call("get", "configmaps", namespace,
                            () -> client.configMaps().inNamespace(namespace).withName(name).get()))
                    .map(c -> source(kind, c, Optional.ofNullable(c.getData()).orElse(Map.of())));
        };
    }

    @Override
    public Map<String, String> poolers(String namespace) {
        Map<String, String> out = new LinkedHashMap<>();
        for (GenericKubernetesResource p : listOptional(POOLER, namespace)) {
            Object cluster = spec(p).get("cluster");
            if (cluster instanceof Map<?, ?> m && m.get("name") != null) {
                out.put(p.getMetadata().getName(), String.valueOf(m.get("name")));
            }
        }
        return out;
    }

    @Override
    public List<ExternalSecretTemplate> externalSecrets(String namespace) {
        List<ExternalSecretTemplate> out = new ArrayList<>();
        for (GenericKubernetesResource es : listOptional(EXTERNAL_SECRET, namespace)) {
            Map<?, ?> spec = spec(es);
            Map<?, ?> target = spec.get("target") instanceof Map<?, ?> t ? t : Map.of();
            Map<?, ?> template = target.get("template") instanceof Map<?, ?> t ? t : Map.of();
            Map<String, String> data = new LinkedHashMap<>();
            if (template.get("data") instanceof Map<?, ?> d) {
                d.forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
            }
            String name = es.getMetadata().getName();
            out.add(new ExternalSecretTemplate(namespace, name,
                    target.get("name") == null ? name : String.valueOf(target.get("name")),
                    Optional.ofNullable(spec.get("refreshInterval")).map(String::valueOf), data));
        }
        return out;
    }

    @Override
    public Optional<String> findValue(ValueLocation location) {
        return switch (location) {
            case ValueLocation.SecretKey s -> findConfigSource(ConfigKind.SECRET, s.namespace(), s.name())
                    .flatMap(c -> Optional.ofNullable(c.data().get(s.key())));
            case ValueLocation.ConfigMapKey m -> findConfigSource(ConfigKind.CONFIG_MAP, m.namespace(), m.name())
                    .flatMap(c -> Optional.ofNullable(c.data().get(m.key())));
            case ValueLocation.EnvVar e -> environment(new Workload(e.kind(), e.workload(), e.namespace(), 0,
                    List.of(), Map.of())).stream()
                    .filter(s -> s instanceof EnvSource.Literal l && l.container().equals(e.container())
                            && l.name().equals(e.name()))
                    .map(s -> ((EnvSource.Literal) s).value()).findFirst();
        };
    }

    @Override
    public void setValue(ValueLocation location, String value) {
        if (findValue(location).isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, location + " does not exist");
        }
        switch (location) {
            case ValueLocation.SecretKey s -> calls.call("patch", "secrets", s.namespace(),
                    () -> client.secrets().inNamespace(s.namespace()).withName(s.name()).patch(MERGE,
                            JSON.writeValueAsString(Map.of("data", Map.of(s.key(),
                                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))))));
            case ValueLocation.ConfigMapKey m -> calls.call("patch", "configmaps", m.namespace(),
                    () -> client.configMaps().inNamespace(m.namespace()).withName(m.name()).patch(MERGE,
                            JSON.writeValueAsString(Map.of("data", Map.of(m.key(), value)))));
            case ValueLocation.EnvVar e -> patchEnv(e, value);
        }
    }

    private void patchEnv(ValueLocation.EnvVar e, String value) {
        PodTemplateSpec template = template(e.kind(), e.namespace(), e.workload()).orElseThrow(() ->
                new RewindException(Reason.NOT_FOUND, e + " does not exist"));
        String path = null;
        for (String list : List.of("initContainers", "containers")) {
            List<Container> containers = Optional.ofNullable(list.equals("containers")
                    ? template.getSpec().getContainers() : template.getSpec().getInitContainers()).orElse(List.of());
            for (int i = 0; i < containers.size() && path == null; i++) {
                List<EnvVar> env = Optional.ofNullable(containers.get(i).getEnv()).orElse(List.of());
                for (int j = 0; j < env.size(); j++) {
                    if (containers.get(i).getName().equals(e.container()) && env.get(j).getName().equals(e.name())) {
                        path = "/spec/template/spec/" + list + "/" + i + "/env/" + j;
                        break;
                    }
                }
            }
        }
        if (path == null) {
            throw new RewindException(Reason.NOT_FOUND, e + " does not exist");
        }
        String patch = JSON.writeValueAsString(List.of(
                Map.of("op", "test", "path", path + "/name", "value", e.name()),
                Map.of("op", "replace", "path", path + "/value", "value", value)));
        if (e.kind() == WorkloadKind.DEPLOYMENT) {
            calls.call("patch", "deployments", e.namespace(), () -> client.apps().deployments()
                    .inNamespace(e.namespace()).withName(e.workload()).patch(JSON_PATCH, patch));
        } else {
            calls.call("patch", "statefulsets", e.namespace(), () -> client.apps().statefulSets()
                    .inNamespace(e.namespace()).withName(e.workload()).patch(JSON_PATCH, patch));
        }
    }

    private Optional<PodTemplateSpec> template(WorkloadKind kind, String namespace, String name) {
        return switch (kind) {
            case DEPLOYMENT -> Optional.ofNullable(calls.call("get", "deployments", namespace,
                    () -> client.apps().deployments().inNamespace(namespace).withName(name).get()))
                    .map(d -> d.getSpec().getTemplate());
            case STATEFUL_SET -> Optional.ofNullable(calls.call("get", "statefulsets", namespace,
                    () -> client.apps().statefulSets().inNamespace(namespace).withName(name).get()))
                    .map(s -> s.getSpec().getTemplate());
        };
    }

    private List<GenericKubernetesResource> listOptional(ResourceDefinitionContext kind, String namespace) {
        try {
            return client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            return calls.call("list", kind.getPlural() + "." + kind.getGroup(), namespace, () -> {
                throw e;
            });
        }
    }

    private static Map<?, ?> spec(GenericKubernetesResource r) {
        return r.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        Optional.ofNullable(secret.getData()).orElse(Map.of()).forEach((k, v) ->
                data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        Optional.ofNullable(secret.getStringData()).orElse(Map.of()).forEach(data::put);
        return data;
    }

    private static ConfigSource source(ConfigKind kind, HasMetadata object, Map<String, String> data) {
        ObjectMeta m = object.getMetadata();
        List<String> owners = Optional.ofNullable(m.getOwnerReferences()).orElse(List.of()).stream()
                .map(o -> o.getKind() + "/" + o.getName()).toList();
        return new ConfigSource(kind, m.getNamespace(), m.getName(), data,
                Optional.ofNullable(m.getLabels()).orElse(Map.of()),
                Optional.ofNullable(m.getAnnotations()).orElse(Map.of()), owners);
    }
}
