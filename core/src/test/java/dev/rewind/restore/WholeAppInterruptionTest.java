package dev.rewind.restore;

import static dev.rewind.kube.WholeAppWorld.DB_HOST;
import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static dev.rewind.restore.WholeAppRestoreTest.NEW_CLUSTER;
import static dev.rewind.restore.WholeAppRestoreTest.NEW_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.AppEnvironment;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.wholeapp.AppRestorePhase;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import dev.rewind.restore.wholeapp.AppRestoreService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interrupted whole-app restores: the journal lets --resume finish and --abort switch back. */
class WholeAppInterruptionTest {
    private final WholeAppFixture x;

    WholeAppInterruptionTest() throws Exception {
        x = new WholeAppFixture();
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    private AppRestoreResult interruptedWhileTheDatabaseRecovers() {
        x.world.pauseCnpg(true);
        AppRestoreResult first = x.service(e -> e, Duration.ofMinutes(2)).restore(WholeAppFixture.request(T));
        assertThat(first.outcome()).isInstanceOfSatisfying(RestoreOutcome.Interrupted.class,
                i -> assertThat(i.reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(first.lastPhase()).isEqualTo(AppRestorePhase.RECOVER_DATABASE);
        // nothing of the app was touched: it still runs on its volume and database
        assertThat(x.f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
        assertThat(x.f.cluster.configMap(NS, "rewind-apprestore-" + APP)).containsEntry("phase", "RECOVER_DATABASE");
        assertThat(x.f.cluster.leaseExists(NS, "rewind-apprestore-" + APP)).isFalse();
        x.world.pauseCnpg(false);
        return first;
    }

    @Test
    void resumeAfterASlowRecoveryWaitsForTheExistingClusterAndFinishes() {
        interruptedWhileTheDatabaseRecovers();
        AppRestoreService service = x.service();
        assertThat(service.isJournalled(APP, NS)).isTrue();

        AppRestoreResult resumed = service.resume(APP, NS);

        assertThat(resumed.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(resumed.lastPhase()).isEqualTo(AppRestorePhase.COMPLETE);
        assertThat(x.world.postgresClusters()).containsExactlyInAnyOrder("postgres", NEW_CLUSTER);
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.ids().get(2));
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(NEW_HOST);
        assertThat(x.f.cluster.configMapExists(NS, "rewind-apprestore-" + APP)).isFalse();
        assertThat(service.isJournalled(APP, NS)).isFalse();
    }

    @Test
    void abortBeforeTheVolumeLeavesTheAppAsItWasAndTheNewClusterForInspection() {
        interruptedWhileTheDatabaseRecovers();

        AppRestoreResult aborted = x.service().abort(APP, NS);

        assertThat(aborted.outcome()).isInstanceOfSatisfying(RestoreOutcome.RolledBack.class,
                r -> assertThat(r.message()).contains("aborted by the operator"));
        assertThat(aborted.notes()).anySatisfy(n -> assertThat(n).contains("left for inspection")
                .contains(NEW_CLUSTER));
        assertThat(x.world.postgresClusters()).contains(NEW_CLUSTER);
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
        assertThat(x.f.cluster.configMapExists(NS, "rewind-apprestore-" + APP)).isFalse();
    }

    @Test
    void aSwitchInterruptedHalfwayKeepsTheAppDownAndAbortSwitchesBackAndRollsTheVolumeBack() {
        AtomicInteger sets = new AtomicInteger();
        AppRestoreResult first = x.service(e -> failingSecondSet(e, sets), Duration.ofHours(1))
                .restore(WholeAppFixture.request(T));

        assertThat(first.outcome()).isInstanceOfSatisfying(RestoreOutcome.Interrupted.class,
                i -> assertThat(i.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(first.lastPhase()).isEqualTo(AppRestorePhase.SWITCH_CONNECTION);
        assertThat(x.f.cluster.replicas(NS, APP)).isZero();
        assertThat(x.f.cluster.configMap(NS, "rewind-restore-" + APP)).containsEntry("phase", "RESUME");
        assertThat(x.f.cluster.configMap(NS, "rewind-apprestore-" + APP)).containsEntry("switched", "true")
                .containsKey("changes").doesNotContainValue(dev.rewind.kube.WholeAppWorld.DB_PASSWORD);
        long switched = List.of("PAPERLESS_DBHOST", "INIT_POSTGRES_HOST").stream()
                .filter(k -> x.world.secretValue("paperless-secret", k).equals(NEW_HOST)).count();
        assertThat(switched).isEqualTo(1);

        AppRestoreResult aborted = x.service().abort(APP, NS);

        assertThat(aborted.outcome()).isInstanceOf(RestoreOutcome.RolledBack.class);
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
        assertThat(x.world.secretValue("paperless-secret", "INIT_POSTGRES_HOST")).isEqualTo(DB_HOST);
        assertThat(aborted.volume()).isPresent();
        assertThat(x.f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(x.f.cluster.configMapExists(NS, "rewind-apprestore-" + APP)).isFalse();
        assertThat(x.f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(x.world.postgresClusters()).contains(NEW_CLUSTER);
    }

    @Test
    void aSwitchInterruptedHalfwayIsCompletedByResume() {
        AtomicInteger sets = new AtomicInteger();
        x.service(e -> failingSecondSet(e, sets), Duration.ofHours(1)).restore(WholeAppFixture.request(T));

        AppRestoreResult resumed = x.service().resume(APP, NS);

        assertThat(resumed.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(NEW_HOST);
        assertThat(x.world.secretValue("paperless-secret", "INIT_POSTGRES_HOST")).isEqualTo(NEW_HOST);
        assertThat(x.f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.ids().get(2));
    }

    @Test
    void aNewRestoreIsRefusedWhileOneIsJournalled() {
        interruptedWhileTheDatabaseRecovers();

        assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("rewind-apprestore-" + APP);
                });
        assertThat(x.world.postgresClusters()).containsExactlyInAnyOrder("postgres", NEW_CLUSTER);
    }

    /** The second value change fails once (the API server went away mid-switch). */
    private static AppEnvironment failingSecondSet(AppEnvironment delegate, AtomicInteger sets) {
        return new InterceptingEnvironment(delegate, location -> {
            if (sets.incrementAndGet() == 2) {
                throw new RewindException(Reason.UNAVAILABLE, "the Kubernetes API server failed to patch secrets");
            }
        });
    }
}
