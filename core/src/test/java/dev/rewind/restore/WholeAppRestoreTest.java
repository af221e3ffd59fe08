package dev.rewind.restore;

import static dev.rewind.kube.WholeAppWorld.DB_HOST;
import static dev.rewind.kube.WholeAppWorld.DB_NAMESPACE;
import static dev.rewind.kube.WholeAppWorld.DB_PASSWORD;
import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static dev.rewind.restore.WholeAppFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.pg.RealArchiveFixture;
import dev.rewind.progress.ProgressEvent;
import dev.rewind.restore.wholeapp.AppRestorePhase;
import dev.rewind.restore.wholeapp.AppRestorePlan;
import dev.rewind.restore.wholeapp.AppRestoreResult;
import dev.rewind.restore.wholeapp.ConsistencyReport;
import dev.rewind.restore.wholeapp.SwitchMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-app restore end to end on the mock API server: simulated Volsync, Flux and CNPG, a real Kopia repository
 * and a real Barman archive.
 */
class WholeAppRestoreTest {
    static final String NEW_CLUSTER = "postgres-paperless-ngx-202611301655";
    static final String NEW_HOST = NEW_CLUSTER + "-rw.postgresql-system.svc.cluster.local";

    private final WholeAppFixture x;

    WholeAppRestoreTest() throws Exception {
        x = new WholeAppFixture();
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    @Test
    void recoversTheDatabaseFirstThenRestoresTheVolumeAndSwitchesWhileTheAppIsDown() {
        List<String> replicasAtSwitch = new ArrayList<>();
        AppRestoreResult result = x.service(env -> new InterceptingEnvironment(env, location -> replicasAtSwitch.add(
                x.f.cluster.replicas(NS, APP) + " replicas, database " + x.world.postgresClusters())),
                Duration.ofHours(1)).restore(WholeAppFixture.request(T));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(result.lastPhase()).isEqualTo(AppRestorePhase.COMPLETE);
        assertThat(result.newCluster()).isEqualTo(DB_NAMESPACE + "/" + NEW_CLUSTER);
        // the database: a new cluster beside the shared one, recovering to T from the real archive's second backup
        assertThat(x.world.postgresClusters()).containsExactlyInAnyOrder("postgres", NEW_CLUSTER);
        @SuppressWarnings("unchecked")
        Map<String, Object> recovery = (Map<String, Object>) ((Map<String, Object>) x.world
                .postgresClusterSpec(NEW_CLUSTER).get("bootstrap")).get("recovery");
        assertThat(recovery.get("recoveryTarget")).isEqualTo(Map.of("backupID", RealArchiveFixture.SECOND_BACKUP,
                "targetTime", "2026-11-30T16:55:00Z"));
        // the volume: the newest snapshot at or before T
        assertThat(x.f.cluster.content(NS, APP)).isEqualTo("snapshot:" + RestoreFixture.ids().get(2));
        // the switch: both hosts, nothing else, while the app was at 0 replicas and the new cluster existed
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(NEW_HOST);
        assertThat(x.world.secretValue("paperless-secret", "INIT_POSTGRES_HOST")).isEqualTo(NEW_HOST);
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBPASS")).isEqualTo(DB_PASSWORD);
        assertThat(replicasAtSwitch).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("0 replicas")
                .contains(NEW_CLUSTER));
        // everything resumed, nothing left behind
        assertThat(x.f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(x.f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        assertThat(x.f.cluster.configMapExists(NS, "rewind-apprestore-" + APP)).isFalse();
        assertThat(x.f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(x.f.cluster.leaseExists(NS, "rewind-apprestore-" + APP)).isFalse();
        assertThat(result.volume()).get().extracting(RestoreResult::outcome).isEqualTo(new RestoreOutcome.Succeeded());
        List<String> phases = x.progress.stream().filter(ProgressEvent.PhaseStarted.class::isInstance)
                .map(e -> ((ProgressEvent.PhaseStarted) e).phase()).toList();
        assertThat(phases).containsSubsequence("RECOVER_DATABASE", "RESTORE_VOLUME", "COMPLETE");
        assertThat(x.progress).filteredOn(ProgressEvent.Noted.class::isInstance)
                .map(e -> ((ProgressEvent.Noted) e).message())
                .anySatisfy(m -> assertThat(m).contains("is healthy; first backup"))
                .noneSatisfy(m -> assertThat(m).contains(DB_PASSWORD));
    }

    @Test
    void dryRunPrintsThePlanTheConsistencyReportAndEveryManifestAndChangesNothing() throws Exception {
        try (WholeAppFixture eso = new WholeAppFixture(true)) {
            dryRunOfPaperless(eso);
        }
    }

    /** paperless-ngx as deployed: its database host in Secret paperless-secret rendered by ExternalSecret paperless. */
    private static void dryRunOfPaperless(WholeAppFixture x) {
        AppRestoreResult result = x.service().restore(dryRun(WholeAppFixture.request(T)
                .withSwitchMode(SwitchMode.NONE)));

        assertThat(result.dryRun()).isTrue();
        assertThat(x.f.cluster.takeMutatingRequests()).isEmpty();
        assertThat(x.world.postgresClusters()).containsExactly("postgres");
        assertThat(x.world.secretValue("paperless-secret", "PAPERLESS_DBHOST")).isEqualTo(DB_HOST);
        AppRestorePlan plan = result.plan().orElseThrow();
        ConsistencyReport report = plan.consistency();
        assertThat(report.volumeSnapshotAt()).isEqualTo(RestoreFixture.S3_AT);
        assertThat(report.targetAt()).isEqualTo(T);
        assertThat(report.gap()).isEqualTo(Duration.between(RestoreFixture.S3_AT, T));
        assertThat(report.window()).get().satisfies(w -> assertThat(w.earliestAt())
                .isEqualTo(RealArchiveFixture.EARLIEST));
        assertThat(report.targetInWindow()).isTrue();
        assertThat(report.baseBackupId()).isEqualTo(RealArchiveFixture.SECOND_BACKUP);
        assertThat(report.walGaps()).isEmpty();
        assertThat(report.verdict()).isEqualTo(ConsistencyReport.Verdict.VOLUME_BEHIND);
        assertThat(report.summary()).contains("gap PT14H55M").contains("VOLUME_BEHIND");
        assertThat(plan.source().references()).extracting(r -> r.location().toString()).containsExactlyInAnyOrder(
                "Secret default/paperless-secret key PAPERLESS_DBHOST",
                "Secret default/paperless-secret key INIT_POSTGRES_HOST");
        // the ExternalSecret that renders the Secret would revert the switch: warned, with the Git change
        assertThat(plan.connection().warnings()).anySatisfy(w -> assertThat(w)
                .contains("ExternalSecret default/paperless").contains("within seconds"));
        assertThat(plan.connection().gitChange()).contains("ExternalSecret default/paperless: set"
                + " spec.target.template.data.PAPERLESS_DBHOST to " + NEW_HOST);
        assertThat(plan.steps()).extracting(s -> s.phase()).containsSubsequence(AppRestorePhase.RECOVER_DATABASE,
                AppRestorePhase.RESTORE_VOLUME, AppRestorePhase.SWITCH_CONNECTION, AppRestorePhase.RESUME_APP);
        String yaml = plan.manifestsYaml();
        assertThat(yaml).contains("kind: \"ReplicationDestination\"").contains("kind: \"VolumeSnapshot\"")
                .contains("kind: \"Cluster\"").contains("name: \"" + NEW_CLUSTER + "\"")
                .contains("kind: \"ExternalSecret\"").contains("PAPERLESS_DBHOST: \"" + NEW_HOST + "\"")
                .doesNotContain(DB_PASSWORD);
        assertThat(plan.toYaml()).contains("kind: \"AppRestorePlan\"").contains("verdict: \"VOLUME_BEHIND\"");
    }

    @Test
    void aGapWithinMaxGapIsConsistent() {
        var request = WholeAppFixture.request(T);
        request = new dev.rewind.restore.wholeapp.AppRestoreRequest(request.volume().withDryRun(true),
                request.database(), request.newClusterName(), request.switchMode(), Duration.ofHours(15));

        AppRestorePlan plan = x.service().restore(request).plan().orElseThrow();

        assertThat(plan.consistency().verdict()).isEqualTo(ConsistencyReport.Verdict.CONSISTENT);
        assertThat(plan.consistency().summary()).contains("CONSISTENT");
    }

    @Test
    void aPlainSecretGetsAKeyPatchAndNoExternalSecretWarning() {
        x.world.secret("app-db", Map.of("DB_HOST", "postgres-rw.postgresql-system"), Optional.empty());
        x.world.envFrom("app-db");
        x.f.cluster.clearRequests();

        AppRestorePlan plan = x.service().restore(dryRun(WholeAppFixture.request(T))).plan().orElseThrow();

        assertThat(plan.connection().changes()).filteredOn(c -> c.location().toString().contains("app-db"))
                .singleElement().satisfies(c -> {
            assertThat(c.fromHost()).isEqualTo("postgres-rw.postgresql-system");
            assertThat(c.toHost()).isEqualTo(NEW_CLUSTER + "-rw.postgresql-system");
        });
        assertThat(plan.connection().warnings()).noneSatisfy(w -> assertThat(w).contains("app-db"));
        assertThat(plan.manifestsYaml()).contains("kind: \"Secret\"").contains("stringData:")
                .contains("DB_HOST: \"" + NEW_CLUSTER + "-rw.postgresql-system\"");
    }

    static dev.rewind.restore.wholeapp.AppRestoreRequest dryRun(dev.rewind.restore.wholeapp.AppRestoreRequest r) {
        return new dev.rewind.restore.wholeapp.AppRestoreRequest(r.volume().withDryRun(true), r.database(),
                r.newClusterName(), r.switchMode(), r.maxGap());
    }
}
