package dev.rewind.app;

import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.PersistentVolumeClaim;
import dev.rewind.cluster.Workload;
import dev.rewind.cnpg.Cluster;
import dev.rewind.volsync.KopiaIdentity;
import dev.rewind.volsync.MoverVolume;
import dev.rewind.volsync.ReplicationDestination;
import dev.rewind.volsync.ReplicationSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application protected by Volsync: named after its ReplicationSource (volsync.md §8.0 "RS name (default = the
 * application name)").
 *
 * @param name           the RS name
 * @param namespace      the RS namespace
 * @param source         the ReplicationSource
 * @param sourcePvc      the PVC named by {@code spec.sourcePVC}; empty when it does not exist (disaster recovery)
 * @param destinations   RDs named {@code <app>-dst} or whose {@code sourceIdentity} names this RS
 * @param repository     the repository Secret ({@code toString} shows key names only)
 * @param identity       the Kopia source {@code user@host:path} the RS writes to (§2.1)
 * @param workloads      Deployments/StatefulSets in the namespace whose pod template mounts the source PVC
 * @param kustomizations Flux Kustomizations owning the RS, RDs, PVC, workloads or HelmReleases (by labels)
 * @param helmReleases   Flux HelmReleases owning the workloads, RS, RDs or PVC (by labels)
 * @param postgresCluster the CloudNativePG Cluster whose instance PVC this app backs up (PVC label
 *                       {@code cnpg.io/cluster}), e.g. the reference cluster's {@code postgres-1..3} sources
 */
public record App(String name, String namespace, ReplicationSource source, Optional<PersistentVolumeClaim> sourcePvc,
                  List<ReplicationDestination> destinations, RepositorySecret repository, KopiaIdentity identity,
                  List<Workload> workloads, List<FluxKustomization> kustomizations,
                  List<FluxHelmRelease> helmReleases, Optional<Cluster> postgresCluster) {
    public App {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourcePvc, "sourcePvc");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(identity, "identity");
        workloads = List.copyOf(workloads);
        kustomizations = List.copyOf(kustomizations);
        helmReleases = List.copyOf(helmReleases);
        Objects.requireNonNull(postgresCluster, "postgresCluster");
    }

    /**
     * The repository URL the mover actually uses: {@code filesystem:///mnt/<mountPath>} when the RS mounts a PVC
     * through {@code moverVolumes} (volsync.md §1.1), else {@code KOPIA_REPOSITORY} from the Secret.
     */
    public String repositoryUrl() {
        return source.kopia().repositoryVolume()
                .map(MoverVolume::mountPath)
                .map(path -> "filesystem:///mnt/" + path)
                .orElseGet(repository::repositoryUrl);
    }

    /** The bootstrap destination {@code <app>-dst} of the shared component (reference-cluster.md), if present. */
    public Optional<ReplicationDestination> bootstrapDestination() {
        return destinations.stream().filter(d -> d.name().equals(name + "-dst")).findFirst();
    }

    /** Total replicas of the workloads mounting the PVC (what a restore must scale down and restore). */
    public int replicas() {
        return workloads.stream().mapToInt(Workload::replicas).sum();
    }
}
