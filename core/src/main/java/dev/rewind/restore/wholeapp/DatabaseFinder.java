package dev.rewind.restore.wholeapp;

import dev.rewind.app.App;
import dev.rewind.app.AppEnvironment;
import dev.rewind.app.ClusterReader;
import dev.rewind.app.ConfigKind;
import dev.rewind.app.ConfigSource;
import dev.rewind.app.EnvSource;
import dev.rewind.app.ValueLocation;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.Workload;
import dev.rewind.cnpg.Cluster;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the CNPG Cluster an app uses from its workloads' configuration: every literal {@code env} value, every
 * {@code env[].valueFrom} Secret/ConfigMap key and every key of an {@code envFrom} Secret/ConfigMap is read for a
 * host ({@link ServiceHost#find}: only host-, URL- or DSN-shaped values, so a password is never taken for a host and
 * never reaches an API path or a message) whose Service is {@code <cluster>-rw|-ro|-r} of an existing Cluster in the named
 * namespace, or a Pooler there (resolved to its {@code spec.cluster.name}). Every such place is recorded, so the
 * connection switch changes all of them.
 *
 * <p>Refusals: no Cluster named anywhere → NOT_FOUND; several Clusters → INVALID_INPUT listing them (pass
 * {@link DatabaseChoice}); a chosen Cluster that does not exist → NOT_FOUND. Read-only; thread-safe if its ports are.
 */
public final class DatabaseFinder {
    private final AppEnvironment environment;
    private final ClusterReader reader;

    public DatabaseFinder(AppEnvironment environment, ClusterReader reader) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The app's database, found or as chosen. */
    public AppDatabase find(App app, Optional<DatabaseChoice> choice) {
        List<HostReference> all = references(app);
        Map<String, List<HostReference>> byCluster = new LinkedHashMap<>();
        for (HostReference ref : all) {
            byCluster.computeIfAbsent(ref.host().namespace() + "/" + ref.cluster(), k -> new ArrayList<>()).add(ref);
        }
        String where = app.namespace() + "/" + app.name();
        if (choice.isPresent()) {
            DatabaseChoice c = choice.get();
            String ns = c.namespace().orElseGet(() -> byCluster.keySet().stream()
                    .filter(k -> k.endsWith("/" + c.cluster())).map(k -> k.substring(0, k.indexOf('/')))
                    .findFirst().orElse(app.namespace()));
            boolean exists = reader.listPostgresClusters(NamespaceScope.of(ns)).stream()
                    .anyMatch(cl -> cl.name().equals(c.cluster()));
            if (!exists) {
                throw new RewindException(Reason.NOT_FOUND, "no CNPG Cluster " + ns + "/" + c.cluster()
                        + " (--database-cluster)");
            }
            return new AppDatabase(ns, c.cluster(), byCluster.getOrDefault(ns + "/" + c.cluster(), List.of()));
        }
        if (byCluster.isEmpty()) {
            throw new RewindException(Reason.NOT_FOUND, "no CNPG Cluster is named in the configuration of app "
                    + where + " (env, envFrom Secrets and ConfigMaps of " + app.workloads().stream()
                    .map(w -> w.kind().kubernetesKind() + " " + w.name()).collect(Collectors.joining(", ")) + ")",
                    "pass --database-cluster NAME [--database-namespace NS]", null);
        }
        if (byCluster.size() > 1) {
            throw new RewindException(Reason.INVALID_INPUT, "app " + where + " names several CNPG Clusters: "
                    + byCluster.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().getFirst().location()
                    + ")").collect(Collectors.joining(", ")),
                    "choose one with --database-cluster NAME [--database-namespace NS]", null);
        }
        var only = byCluster.entrySet().iterator().next();
        String key = only.getKey();
        return new AppDatabase(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1),
                only.getValue());
    }

    /** The key or variable name a value is read under. */
    private static String keyOf(ValueLocation location) {
        return switch (location) {
            case ValueLocation.SecretKey s -> s.key();
            case ValueLocation.ConfigMapKey m -> m.key();
            case ValueLocation.EnvVar e -> e.name();
        };
    }

    /** Every place in the app's configuration that names a CNPG service. */
    List<HostReference> references(App app) {
        Map<String, Set<String>> clusters = new HashMap<>();
        Map<String, Map<String, String>> poolers = new HashMap<>();
        Set<HostReference> out = new LinkedHashSet<>();
        for (Workload w : app.workloads()) {
            for (EnvSource source : environment.environment(w)) {
                Map<ValueLocation, String> values = new LinkedHashMap<>();
                switch (source) {
                    case EnvSource.Literal l -> values.put(new ValueLocation.EnvVar(w.kind(), w.namespace(),
                            w.name(), l.container(), l.name()), l.value());
                    case EnvSource.KeyRef r -> environment.findConfigSource(r.kind(), w.namespace(), r.object())
                            .flatMap(c -> Optional.ofNullable(c.data().get(r.key())))
                            .ifPresent(v -> values.put(r.kind().key(w.namespace(), r.object(), r.key()), v));
                    case EnvSource.FromObject f -> environment.findConfigSource(f.kind(), w.namespace(), f.object())
                            .map(ConfigSource::data).orElse(Map.of())
                            .forEach((k, v) -> values.put(f.kind().key(w.namespace(), f.object(), k), v));
                }
                values.forEach((location, value) -> {
                    for (ServiceHost host : ServiceHost.find(keyOf(location), value, w.namespace())) {
                        Map<String, String> nsPoolers = poolers.computeIfAbsent(host.namespace(),
                                environment::poolers);
                        Set<String> nsClusters = clusters.computeIfAbsent(host.namespace(), ns -> reader
                                .listPostgresClusters(NamespaceScope.of(ns)).stream().map(Cluster::name)
                                .collect(Collectors.toSet()));
                        if (nsPoolers.containsKey(host.service())
                                && nsClusters.contains(nsPoolers.get(host.service()))) {
                            out.add(new HostReference(location, host, nsPoolers.get(host.service()),
                                    Optional.of(host.service())));
                        } else if (host.clusterOfRoleService().filter(nsClusters::contains).isPresent()) {
                            out.add(new HostReference(location, host, host.clusterOfRoleService().get(),
                                    Optional.empty()));
                        }
                    }
                });
            }
        }
        return new ArrayList<>(out);
    }
}
