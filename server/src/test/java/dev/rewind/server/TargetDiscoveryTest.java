package dev.rewind.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.kube.ReferenceCluster;
import dev.rewind.kube.ServerClusterFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one discovery turns the reference cluster into: targets, names, and problems instead of failures. */
class TargetDiscoveryTest {
    private final ServerClusterFixture cluster = new ServerClusterFixture(
            Clock.fixed(Instant.parse("2026-11-30T16:00:00Z"), ZoneOffset.UTC));
    private final KubernetesConnection connection = cluster.connect();

    @AfterEach
    void tearDown() {
        connection.close();
        cluster.close();
    }

    private DiscoveredTargets discover(ClusterDiscovery config, Set<TargetName> reserved) {
        return new TargetDiscovery(connection.reader(), config, reserved).discover();
    }

    @Test
    void appsAndArchivesAreNamedByNamespaceAndCarryTheConfiguredSchedules() {
        cluster.reference().paperlessNgx();
        cluster.reference().postgresCluster();
        ClusterDiscovery config = ClusterDiscovery.defaults().withBackup(Optional.of(
                new ClusterDiscovery.BackupTriggers(ClusterDiscovery.DEFAULT_QUICK_VERIFY, Set.of("paperless-ngx"))));

        DiscoveredTargets found = discover(config, Set.of());

        assertThat(found.apps()).extracting(a -> a.name().value()).containsExactly("default.paperless-ngx",
                "postgresql-system.postgres-1", "postgresql-system.postgres-2", "postgresql-system.postgres-3");
        AppTarget paperless = found.apps().getFirst();
        assertThat(paperless.quickVerify()).contains(ClusterDiscovery.DEFAULT_QUICK_VERIFY);
        assertThat(paperless.deepVerify()).contains(ClusterDiscovery.DEFAULT_DEEP_VERIFY);
        assertThat(paperless.backup()).contains(ClusterDiscovery.DEFAULT_QUICK_VERIFY);
        assertThat(found.apps().get(1).backup()).as("not selected").isEmpty();
        assertThat(found.kindsOf(paperless.name())).containsExactly(CheckKind.QUICK_VERIFY, CheckKind.DEEP_VERIFY,
                CheckKind.BACKUP);
        // the ObjectStore's credentials Secret does not exist: a problem line naming it, not a failure
        assertThat(found.archives()).isEmpty();
        assertThat(found.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("archive of Cluster postgresql-system/postgres: ")
                .contains("postgres-backup-credentials"));
    }

    @Test
    void namespacesLimitTheSearchAndConfiguredNamesWin() {
        cluster.reference().paperlessNgx();
        cluster.reference().componentApp("immich", "media", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        cluster.reference().componentApp("mealie", "default", ReferenceCluster.WorkloadShape.NONE, 0);

        DiscoveredTargets found = discover(ClusterDiscovery.defaults().withNamespaces(List.of("default")),
                Set.of(new TargetName("default.mealie")));

        assertThat(found.apps()).extracting(a -> a.name().value()).containsExactly("default.paperless-ngx");
        assertThat(found.problems()).containsExactly("app default/mealie: target name \"default.mealie\" is already"
                + " taken (by a configured target or an app of the same name)");
    }

    @Test
    void anAppWhoseSecretIsMissingIsSkippedWithTheReason() {
        cluster.reference().componentApp("immich", "media", ReferenceCluster.WorkloadShape.DEPLOYMENT, 1);
        cluster.deleteSecret("media", "immich-volsync-secret");

        DiscoveredTargets found = discover(ClusterDiscovery.defaults(), Set.of());

        assertThat(found.apps()).isEmpty();
        assertThat(found.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("app media/immich: ").contains("immich-volsync-secret"));
    }

    @Test
    void anUnreachableApiServerFailsTheWholeDiscovery() {
        cluster.close();
        assertThatThrownBy(() -> discover(ClusterDiscovery.defaults(), Set.of()))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNAVAILABLE));
    }
}
