package dev.rewind.restore;

import static dev.rewind.kube.WholeAppWorld.DB_HOST;
import static dev.rewind.kube.WholeAppWorld.DB_PASSWORD;
import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static dev.rewind.restore.WholeAppRestoreTest.NEW_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.wholeapp.AppRestorePhase;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import dev.rewind.restore.wholeapp.SwitchMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 1: a connection switch that a controller puts back (External Secrets within seconds, Flux at the reconcile
 * rewind requests) must not be reported as success, and {@code --switch secret} is refused where it cannot hold.
 */
class WholeAppSwitchHoldTest {

    @Test
    void issue1aASwitchItsOwnerPutsBackEndsPartialNamingTheLocationAndTheGitChange() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture()) {
            // rendered by an ExternalSecret rewind cannot see (no owner metadata): the planner cannot know
            x.world.renderLikeExternalSecrets("paperless-secret");

            AppRestoreResult result = x.service().restore(WholeAppFixture.request(T));

            assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(Reason.PARTIAL);
                assertThat(f.message()).contains("did not hold")
                        .contains("Secret default/paperless-secret key PAPERLESS_DBHOST is back to " + DB_HOST)
                        .contains("Secret default/paperless-secret key INIT_POSTGRES_HOST is back to " + DB_HOST)
                        .doesNotContain(DB_PASSWORD);
            });
            assertThat(result.lastPhase()).isEqualTo(AppRestorePhase.COMPLETE);
            assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
            assertThat(result.notes()).anySatisfy(n -> assertThat(n).startsWith("make this Git change")
                    .contains("Secret default/paperless-secret key PAPERLESS_DBHOST: replace host " + DB_HOST
                            + " by " + NEW_HOST));
            assertThat(result.notes()).noneSatisfy(n -> assertThat(n).contains(DB_PASSWORD));
            assertThat(x.f.cluster.configMapExists(NS, "rewind-apprestore-" + APP)).isFalse();
        }
    }

    @Test
    void issue1aASwitchThatHoldsStillSucceeds() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture()) {
            AppRestoreResult result = x.service().restore(WholeAppFixture.request(T));

            assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
            assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(NEW_HOST);
        }
    }

    @Test
    void issue1bSwitchSecretIsRefusedAtPlanForTheSecretAnExternalSecretRenders() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture(true)) {
            assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("--switch secret cannot hold")
                                .contains("Secret default/paperless-secret key PAPERLESS_DBHOST (rendered by"
                                        + " ExternalSecret default/paperless)")
                                .doesNotContain(DB_PASSWORD).doesNotContain("\n");
                        assertThat(e.hint()).get().asString().contains("--switch none");
                    });
            assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
            assertThat(x.world.postgresClusters()).containsExactly("postgres");
        }
    }

    @Test
    void issue1bSwitchSecretIsRefusedAtPlanForASecretFluxApplies() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture()) {
            x.f.cluster.mockCluster().client().secrets().inNamespace(NS).withName("paperless-secret").edit(s -> {
                s.getMetadata().setLabels(Map.of("kustomize.toolkit.fluxcd.io/name", "paperless-ngx"));
                return s;
            });
            x.f.cluster.clearRequests();

            assertThatThrownBy(() -> x.service().restore(WholeAppFixture.request(T)))
                    .isInstanceOfSatisfying(RewindException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("Secret default/paperless-secret key PAPERLESS_DBHOST"
                                + " (applied by Flux Kustomization paperless-ngx)");
                    });
            assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
        }
    }

    @Test
    void issue1bSwitchNoneRunsOnTheExternalSecretAndLeavesTheConfigurationAlone() throws Exception {
        try (WholeAppFixture x = new WholeAppFixture(true)) {
            AppRestoreResult result = x.service().restore(WholeAppFixture.request(T).withSwitchMode(SwitchMode.NONE));

            assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
            assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
            assertThat(result.plan().orElseThrow().connection().gitChange()).anySatisfy(g -> assertThat(g)
                    .startsWith("ExternalSecret default/paperless: set spec.target.template.data.PAPERLESS_DBHOST"));
        }
    }
}
