package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.App;
import dev.rewind.app.AppDiscovery;
import dev.rewind.app.DiscoveredApp;
import dev.rewind.cluster.FluxHelmRelease;
import dev.rewind.cluster.FluxKustomization;
import dev.rewind.cluster.NamespaceScope;
import dev.rewind.cluster.Workload;
import dev.rewind.cluster.WorkloadKind;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kube.ReferenceCluster.WorkloadShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** App discovery over the reference cluster's objects in fabric8's mock API server (CRUD mode). */
class AppDiscoveryTest {
    private MockCluster cluster;
    private ReferenceCluster reference;
    private Fabric8ClusterReader reader;
    private AppDiscovery discovery;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        reference = new ReferenceCluster(cluster);
        reference.paperlessNgx();
        reader = cluster.reader();
        discovery = new AppDiscovery(reader);
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    @Test
    void resolvesPaperlessNgxCompletely() {
        App app = discovery.get("paperless-ngx", Optional.empty());

        assertThat(app.name()).isEqualTo("paperless-ngx");
        assertThat(app.namespace()).isEqualTo("default");
        assertThat(app.source().kopia().repository()).isEqualTo("paperless-ngx-volsync-secret");
        assertThat(app.sourcePvc()).hasValueSatisfying(pvc -> {
            assertThat(pvc.name()).isEqualTo("paperless-ngx");
            assertThat(pvc.requestedStorage()).contains("100Gi");
        });
        assertThat(app.destinations()).extracting(d -> d.name()).containsExactly("paperless-ngx-dst");
        assertThat(app.bootstrapDestination()).isPresent();
        assertThat(app.identity()).hasToString("paperless-ngx@default:/data");
        assertThat(app.repositoryUrl()).isEqualTo("filesystem:///repository");
        assertThat(app.repository().password()).isEqualTo("test-only-kopia-password");
        assertThat(app.repository().data()).containsKeys("KOPIA_REPOSITORY", "KOPIA_PASSWORD", "KOPIA_FS_PATH");
        assertThat(app.workloads()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkloadKind.STATEFUL_SET);
            assertThat(w.name()).isEqualTo("paperless-ngx");
            assertThat(w.replicas()).isEqualTo(1);
        });
        assertThat(app.replicas()).isEqualTo(1);
        assertThat(app.helmReleases()).extracting(FluxHelmRelease::name).containsExactly("paperless-ngx");
        assertThat(app.kustomizations()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("paperless-ngx");
            assertThat(k.namespace()).isEqualTo("flux-system");
        });
        assertThat(app.postgresCluster()).isEmpty();
        assertThat(app.toString()).doesNotContain("test-only-kopia-password");
    }

    @Test
    void namespaceNarrowsTheSearch() {
        reference.componentApp("paperless-ngx", "staging", WorkloadShape.DEPLOYMENT, 2, "paperless-ngx-staging");

        App app = discovery.get("paperless-ngx", Optional.of("staging"));

        assertThat(app.namespace()).isEqualTo("staging");
        assertThat(app.workloads()).extracting(Workload::kind, Workload::replicas)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WorkloadKind.DEPLOYMENT, 2));
        assertThat(app.identity()).hasToString("paperless-ngx@staging:/data");
        assertThat(app.kustomizations()).extracting(FluxKustomization::name).containsExactly("paperless-ngx-staging");
    }

    @Test
    void sameNameInTwoNamespacesWithoutNamespaceIsAmbiguous() {
        reference.componentApp("paperless-ngx", "staging", WorkloadShape.DEPLOYMENT, 1, "paperless-ngx-staging");

        assertThatThrownBy(() -> discovery.get("paperless-ngx", Optional.empty()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("paperless-ngx").contains("default, staging");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("-n"));
                });
    }

    @Test
    void unknownAppIsNotFoundAndNamesKnownAppsOnly() {
        assertThatThrownBy(() -> discovery.get("immich", Optional.empty()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("immich");
                    assertThat(e.hint()).contains("known apps: default/paperless-ngx");
                    assertThat(e.getMessage() + e.hint().orElse("")).doesNotContain("test-only-kopia-password");
                });
        assertThatThrownBy(() -> discovery.get("paperless-ngx", Optional.of("media")))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void missingRepositorySecretIsNotFoundNamingTheSecret() {
        cluster.client().secrets().inNamespace("default").withName("paperless-ngx-volsync-secret").delete();

        assertThatThrownBy(() -> discovery.get("paperless-ngx", Optional.of("default")))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("default/paperless-ngx-volsync-secret");
                });
    }

    @Test
    void secretWithoutPasswordIsInvalidNamingTheKey() {
        cluster.client().secrets().inNamespace("default").withName("paperless-ngx-volsync-secret")
                .edit(s -> {
                    s.getData().remove("KOPIA_PASSWORD");
                    return s;
                });

        assertThatThrownBy(() -> discovery.get("paperless-ngx", Optional.empty()))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("KOPIA_PASSWORD")
                            .contains("default/paperless-ngx-volsync-secret");
                });
    }

    @Test
    void findAllListsEachKindOncePerCall() {
        reference.componentApp("mealie", "default", WorkloadShape.DEPLOYMENT, 1);
        reference.componentApp("actual", "media", WorkloadShape.STATEFUL_SET, 1);
        reference.componentApp("jellyfin", "media", WorkloadShape.DEPLOYMENT, 3);
        reference.postgresCluster();
        cluster.takeRequests();   // discard the set-up traffic recorded by the mock server

        List<DiscoveredApp> apps = discovery.findAll(NamespaceScope.all());
        List<String> requests = cluster.takeRequests();

        assertThat(apps).extracting(a -> a.namespace() + "/" + a.name()).containsExactly(
                "default/mealie", "default/paperless-ngx", "media/actual", "media/jellyfin",
                "postgresql-system/postgres-1", "postgresql-system/postgres-2", "postgresql-system/postgres-3");
        assertThat(apps).allSatisfy(a -> assertThat(a).isInstanceOf(DiscoveredApp.Resolved.class));
        Map<String, App> byName = apps.stream().map(a -> ((DiscoveredApp.Resolved) a).app())
                .collect(Collectors.toMap(App::name, Function.identity()));
        assertThat(byName.get("jellyfin").replicas()).isEqualTo(3);
        assertThat(byName.get("actual").kustomizations()).extracting(FluxKustomization::name)
                .containsExactly("actual");
        assertThat(byName.get("postgres-2").workloads()).isEmpty();
        assertThat(byName.get("postgres-2").destinations()).isEmpty();
        assertThat(byName.get("postgres-2").kustomizations()).extracting(FluxKustomization::name)
                .containsExactly("postgres-cluster");
        assertThat(byName.get("postgres-2").postgresCluster()).hasValueSatisfying(pg -> {
            assertThat(pg.name()).isEqualTo("postgres");
            assertThat(pg.objectStoreName()).contains("postgres-s3-backup");
        });
        assertThat(byName.get("jellyfin").postgresCluster()).isEmpty();

        List<String> lists = requests.stream().filter(r -> !r.contains("/secrets/")).toList();
        assertThat(lists).containsExactlyInAnyOrder(
                "GET /apis/volsync.backube/v1alpha1/replicationsources",
                "GET /apis/volsync.backube/v1alpha1/replicationdestinations",
                "GET /api/v1/persistentvolumeclaims",
                "GET /apis/apps/v1/deployments",
                "GET /apis/apps/v1/statefulsets",
                "GET /apis/helm.toolkit.fluxcd.io/v2/helmreleases",
                "GET /apis/kustomize.toolkit.fluxcd.io/v1/kustomizations",
                "GET /apis/postgresql.cnpg.io/v1/clusters");
        // one GET per repository Secret, by name (the postgres RSs share one Secret but are separate apps)
        assertThat(requests).filteredOn(r -> r.contains("/secrets/")).hasSize(7)
                .allMatch(r -> r.startsWith("GET /api/v1/namespaces/"));
    }

    @Test
    void findAllReportsAnAppWithoutSecretInsteadOfFailing() {
        reference.componentApp("mealie", "default", WorkloadShape.DEPLOYMENT, 1);
        cluster.client().secrets().inNamespace("default").withName("mealie-volsync-secret").delete();

        List<DiscoveredApp> apps = discovery.findAll(NamespaceScope.of("default"));

        assertThat(apps).hasSize(2);
        assertThat(apps.get(0)).isInstanceOfSatisfying(DiscoveredApp.Unresolved.class, u -> {
            assertThat(u.name()).isEqualTo("mealie");
            assertThat(u.problem().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(u.problem().getMessage()).contains("mealie-volsync-secret");
        });
        assertThat(apps.get(1)).isInstanceOf(DiscoveredApp.Resolved.class);
    }
}
