package dev.rewind.app;

import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKind;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.FluxOwnerRef;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.Workload;
import dev.rewind.cnpg.Cluster;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles {@link App}s from the cluster.
 *
 * <p>An app is a ReplicationSource; discovery joins in memory what one LIST per kind returned (RSs, RDs, PVCs,
 * Deployments, StatefulSets, and — only when some object carries Flux ownership labels — Kustomizations and
 * HelmReleases, and — only when a source PVC carries {@code cnpg.io/cluster} — CNPG Clusters), then GETs each app's repository Secret by name. So {@link #findAll} costs a fixed number of LIST
 * requests however many apps there are. Flux objects are listed in all namespaces for an all-namespace scope, and
 * otherwise in each namespace the ownership labels name (Kustomizations usually live in {@code flux-system}).
 *
 * <p>Thread-safe if the {@link ClusterReader} is.
 */
public final class AppDiscovery {
    /** Label CloudNativePG puts on its instance PVCs. */
    static final String CNPG_CLUSTER_LABEL = "cnpg.io/cluster";
    private final ClusterReader reader;

    public AppDiscovery(ClusterReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * The app named {@code name} (its ReplicationSource name). The other objects are listed in the RS's namespace
     * only (Flux objects in the namespaces their labels name), so an RD in another namespace whose
     * {@code sourceIdentity} points here is found by {@link #findAll} over all namespaces, not by this method.
     *
     * @param namespace the namespace, or empty to search all namespaces
     * @throws RewindException NOT_FOUND when no RS has that name, or its repository Secret does not exist;
     *                         INVALID_INPUT when the name exists in several namespaces and none was given, or the
     *                         Secret lacks KOPIA_PASSWORD / KOPIA_REPOSITORY
     */
    public App get(String name, Optional<String> namespace) {
        Objects.requireNonNull(name, "name");
        NamespaceScope scope = namespace.<NamespaceScope>map(NamespaceScope.Namespace::new).orElseGet(NamespaceScope::all);
        List<ReplicationSource> sources = reader.listReplicationSources(scope);
        List<ReplicationSource> matches = sources.stream().filter(rs -> rs.name().equals(name)).toList();
        if (matches.isEmpty()) {
            Set<String> known = sources.stream().map(rs -> rs.namespace() + "/" + rs.name())
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new RewindException(Reason.NOT_FOUND, "no app '" + name + "' (no ReplicationSource of that name in "
                    + scope + ")", known.isEmpty() ? "no ReplicationSources found in " + scope
                    : "known apps: " + String.join(", ", known), null);
        }
        if (matches.size() > 1) {
            String namespaces = matches.stream().map(ReplicationSource::namespace).sorted()
                    .collect(Collectors.joining(", "));
            throw new RewindException(Reason.INVALID_INPUT, "app '" + name + "' exists in several namespaces: "
                    + namespaces, "choose one with -n <namespace>", null);
        }
        ReplicationSource source = matches.getFirst();
        Inventory inventory = inventory(NamespaceScope.of(source.namespace()), List.of(source));
        return assemble(source, inventory);
    }

    /**
     * Every app in the scope, sorted by namespace then name. An app whose Secret is missing or invalid is reported
     * as {@link DiscoveredApp.Unresolved} instead of failing the whole listing.
     *
     * @throws RewindException UNAVAILABLE / NOT_FOUND from the reader (API server unreachable, Volsync not installed)
     */
    public List<DiscoveredApp> findAll(NamespaceScope scope) {
        List<ReplicationSource> sources = reader.listReplicationSources(scope).stream()
                .sorted(Comparator.comparing(ReplicationSource::namespace).thenComparing(ReplicationSource::name))
                .toList();
        if (sources.isEmpty()) {
            return List.of();
        }
        Inventory inventory = inventory(scope, sources);
        List<DiscoveredApp> apps = new ArrayList<>();
        for (ReplicationSource source : sources) {
            try {
                apps.add(new DiscoveredApp.Resolved(assemble(source, inventory)));
            } catch (RewindException e) {
                if (e.reason() != Reason.NOT_FOUND && e.reason() != Reason.INVALID_INPUT) {
                    throw e;
                }
                apps.add(new DiscoveredApp.Unresolved(source.name(), source.namespace(), e));
            }
        }
        return List.copyOf(apps);
    }

    /** Everything but the RSs and Secrets, listed once per kind. */
    private record Inventory(List<ReplicationDestination> destinations, List<PersistentVolumeClaim> claims,
                             List<Workload> workloads, List<FluxKustomization> kustomizations,
                             List<FluxHelmRelease> helmReleases, List<Cluster> postgresClusters) {
    }

    private Inventory inventory(NamespaceScope scope, List<ReplicationSource> sources) {
        List<ReplicationDestination> destinations = reader.listReplicationDestinations(scope);
        List<PersistentVolumeClaim> claims = reader.listPersistentVolumeClaims(scope);
        List<Workload> workloads = reader.listWorkloads(scope);

        Set<FluxOwnerRef> refs = new LinkedHashSet<>();
        sources.forEach(rs -> refs.addAll(rs.fluxOwners()));
        destinations.forEach(rd -> refs.addAll(rd.fluxOwners()));
        claims.forEach(pvc -> refs.addAll(pvc.fluxOwners()));
        workloads.forEach(w -> refs.addAll(w.fluxOwners()));

        List<FluxHelmRelease> helmReleases = listFlux(scope, refs, FluxKind.HELM_RELEASE, reader::listHelmReleases);
        helmReleases.forEach(hr -> refs.addAll(FluxOwnerRef.fromLabels(hr.labels())));
        List<FluxKustomization> kustomizations =
                listFlux(scope, refs, FluxKind.KUSTOMIZATION, reader::listKustomizations);
        Set<String> sourceClaims = sources.stream().map(rs -> rs.namespace() + "/" + rs.sourcePvc())
                .collect(Collectors.toSet());
        Set<String> cnpgNamespaces = claims.stream()
                .filter(c -> sourceClaims.contains(c.namespace() + "/" + c.name()))
                .filter(c -> c.labels().containsKey(CNPG_CLUSTER_LABEL))
                .map(PersistentVolumeClaim::namespace)
                .collect(Collectors.toCollection(TreeSet::new));
        List<Cluster> postgresClusters = new ArrayList<>();
        if (!cnpgNamespaces.isEmpty()) {
            if (scope instanceof NamespaceScope.AllNamespaces) {
                postgresClusters.addAll(reader.listPostgresClusters(scope));
            } else {
                cnpgNamespaces.forEach(ns -> postgresClusters.addAll(reader.listPostgresClusters(NamespaceScope.of(ns))));
            }
        }
        return new Inventory(destinations, claims, workloads, kustomizations, helmReleases, postgresClusters);
    }

    private static <T> List<T> listFlux(NamespaceScope scope, Set<FluxOwnerRef> refs, FluxKind kind,
                                        Function<NamespaceScope, List<T>> list) {
        Set<String> namespaces = refs.stream().filter(r -> r.kind() == kind).map(FluxOwnerRef::namespace)
                .collect(Collectors.toCollection(TreeSet::new));
        if (namespaces.isEmpty()) {
            return List.of();
        }
        if (scope instanceof NamespaceScope.AllNamespaces) {
            return list.apply(scope);
        }
        List<T> all = new ArrayList<>();
        for (String ns : namespaces) {
            all.addAll(list.apply(NamespaceScope.of(ns)));
        }
        return all;
    }

    private App assemble(ReplicationSource source, Inventory inv) {
        String ns = source.namespace();
        List<ReplicationDestination> destinations = inv.destinations().stream()
                .filter(rd -> belongsTo(rd, source))
                .sorted(Comparator.comparing(ReplicationDestination::name))
                .toList();
        Optional<PersistentVolumeClaim> pvc = inv.claims().stream()
                .filter(c -> c.namespace().equals(ns) && c.name().equals(source.sourcePvc()))
                .findFirst();
        List<Workload> workloads = inv.workloads().stream()
                .filter(w -> w.namespace().equals(ns) && w.mounts(source.sourcePvc()))
                .sorted(Comparator.comparing(Workload::kind).thenComparing(Workload::name))
                .toList();

        Set<FluxOwnerRef> owners = new LinkedHashSet<>(source.fluxOwners());
        destinations.forEach(rd -> owners.addAll(rd.fluxOwners()));
        pvc.ifPresent(c -> owners.addAll(c.fluxOwners()));
        workloads.forEach(w -> owners.addAll(w.fluxOwners()));
        Map<FluxOwnerRef, FluxHelmRelease> releasesByRef = inv.helmReleases().stream()
                .collect(Collectors.toMap(FluxHelmRelease::ref, Function.identity(), (a, b) -> a));
        List<FluxHelmRelease> helmReleases = owners.stream().filter(releasesByRef::containsKey)
                .map(releasesByRef::get).toList();
        helmReleases.forEach(hr -> owners.addAll(FluxOwnerRef.fromLabels(hr.labels())));
        Map<FluxOwnerRef, FluxKustomization> kustomizationsByRef = inv.kustomizations().stream()
                .collect(Collectors.toMap(FluxKustomization::ref, Function.identity(), (a, b) -> a));
        List<FluxKustomization> kustomizations = owners.stream().filter(kustomizationsByRef::containsKey)
                .map(kustomizationsByRef::get).toList();

        String secretName = source.kopia().repository();
        SecretData secret = reader.findSecret(ns, secretName).orElseThrow(() -> new RewindException(Reason.NOT_FOUND,
                "repository Secret " + ns + "/" + secretName + " of ReplicationSource " + ns + "/" + source.name()
                        + " does not exist", "the ReplicationSource's spec.kopia.repository names it; check the"
                        + " ExternalSecret that should create it", null));
        RepositorySecret repository = RepositorySecret.of(secret);
        KopiaIdentity identity = KopiaIdentity.forSource(source);
        Optional<Cluster> postgresCluster = pvc.map(c -> c.labels().get(CNPG_CLUSTER_LABEL))
                .flatMap(clusterName -> inv.postgresClusters().stream()
                        .filter(c -> c.namespace().equals(ns) && c.name().equals(clusterName))
                        .findFirst());
        return new App(source.name(), ns, source, pvc, destinations, repository, identity, workloads,
                kustomizations, helmReleases, postgresCluster);
    }

    /** {@code <app>-dst} in the app's namespace, or any RD whose {@code sourceIdentity} names this RS. */
    private static boolean belongsTo(ReplicationDestination rd, ReplicationSource source) {
        boolean byIdentity = rd.kopia().sourceIdentity()
                .filter(si -> si.sourceName().equals(source.name()))
                .isPresent() && rd.sourceNamespace().filter(source.namespace()::equals).isPresent();
        boolean byName = rd.namespace().equals(source.namespace()) && rd.name().equals(source.name() + "-dst");
        return byIdentity || byName;
    }
}
