package dev.rewind.restore;

import static dev.rewind.kube.WholeAppWorld.DB_HOST;
import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.restore.wholeapp.AppRestoreRequest;
import dev.rewind.restore.wholeapp.DatabaseChoice;
import dev.rewind.restore.wholeapp.SwitchMode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole-app restores refused before anything changes: each asserts the Reason, the message and an untouched cluster. */
class WholeAppRefusalTest {
    private final WholeAppFixture x;

    WholeAppRefusalTest() throws Exception {
        x = new WholeAppFixture();
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    private void assertNothingChanged() {
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
        assertThat(x.world.postgresClusters()).containsExactly("postgres");
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("original");
    }

    @Test
    void aTargetBeforeTheDatabaseRecoveryWindowIsRefusedNamingTheWindow() {
        Instant before = RealArchiveFixture.EARLIEST.minusSeconds(60);

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(before)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("not recoverable").contains("recovery window is [")
                            .contains(RealArchiveFixture.EARLIEST.toString());
                });
        assertNothingChanged();
    }

    @Test
    void aTargetWithoutAVolumeSnapshotAtOrBeforeItIsRefused() {
        Instant beforeS1 = RestoreFixture.S1_AT.minusSeconds(3600);

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(beforeS1)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("started at or before");
                });
        assertNothingChanged();
    }

    @Test
    void withDatabaseNeedsATimestamp() {
        assertThatThrownBy(() -> AppRestoreRequest.of(RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("--timestamp");
                });
    }

    @Test
    void anAppWhoseConfigurationNamesNoClusterIsRefusedUnlessOneIsChosen() {
        x.world.secret("plain", Map.of("REDIS", "redis.dragonfly-system"), Optional.empty());
        x.world.envFrom("plain");
        x.f.cluster.mockCluster().client().secrets().inNamespace(NS).withName("paperless-secret").delete();
        x.f.cluster.clearRequests();

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("no CNPG Cluster is named in the configuration of app "
                            + NS + "/" + APP);
                    assertThat(e.hint()).get().asString().contains("--database-cluster");
                });
        // chosen, but nothing names it: only --switch none can go on
        AppRestoreRequest chosen = WholeAppFixture.request(T).withDatabase(new DatabaseChoice("postgres",
                Optional.of("postgresql-system")));
        assertThatThrownBy(() -> x.service().restore(chosen)).isInstanceOfSatisfying(RewindException.class,
                e -> assertThat(e.getMessage()).contains("cannot switch"));
        var plan = x.service().restore(WholeAppRestoreTest.dryRun(chosen.withSwitchMode(SwitchMode.NONE)))
                .plan().orElseThrow();
        assertThat(plan.connection().changes()).isEmpty();
        assertThat(plan.connection().warnings()).anySatisfy(w -> assertThat(w).contains("--switch none"));
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void anAppNamingSeveralClustersIsRefusedListingThem() {
        x.f.cluster.mockCluster().apply("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: other
                spec:
                  instances: 1
                """, "postgresql-system", Map.of());
        x.world.secret("cache-db", Map.of("URL", "postgresql://u:secret@other-ro.postgresql-system:5432/x"),
                Optional.empty());
        x.world.envFrom("cache-db");
        x.f.cluster.clearRequests();

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("several CNPG Clusters").contains("postgresql-system/postgres")
                            .contains("postgresql-system/other").doesNotContain("u:secret");
                });
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void aMissingPermissionForTheExtraStepsIsRefusedNamingIt() {
        x.f.cluster.deny("patch", "secrets");

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("patch secrets -n default");
                });
        assertNothingChanged();
    }

    @Test
    void aTakenNewClusterNameIsAConflictAlreadyInTheDryRun() {
        x.f.cluster.mockCluster().apply("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: postgres-paperless-ngx-202611301655
                spec:
                  instances: 1
                """, "postgresql-system", Map.of());
        x.f.cluster.clearRequests();

        assertThatThrownBy(() -> x.service().restore(WholeAppRestoreTest.dryRun(WholeAppFixture.request(T))))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("postgresql-system/postgres-paperless-ngx-202611301655");
                    assertThat(e.hint()).get().asString().contains("--new-cluster-name");
                });
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
    }
}
