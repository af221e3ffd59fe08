package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.cluster.NamespaceScope;
import dev.rewind.volsync.MoverJobName;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.ReplicationSourceStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Volsync behaves as volsync.md §2.6/§4.4 describe, observed through the real adapter. */
class SimulatedVolsyncTest {
    private static final Instant T0 = Instant.parse("2026-11-30T16:00:00Z");
    private MockCluster cluster;
    private Fabric8ClusterReader reader;

    @BeforeEach
    void setUp() {
        cluster = new MockCluster();
        new ReferenceCluster(cluster).paperlessNgx();
        reader = cluster.reader();
    }

    @AfterEach
    void tearDown() {
        reader.close();
        cluster.close();
    }

    @Test
    void manualTriggerRunsAMoverJobAndThenCompletes() {
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), Clock.fixed(T0, ZoneOffset.UTC));
        trigger("rewind-20261130t160000");

        volsync.step();
        String job = MoverJobName.forSource("paperless-ngx");
        assertThat(job).isEqualTo("volsync-src-paperless-ngx");
        assertThat(cluster.client().batch().v1().jobs().inNamespace("default").withName(job).get()).isNotNull();
        assertThat(cluster.client().pods().inNamespace("default").withLabel("job-name", job).list().getItems())
                .singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).startsWith(job + "-"));
        ReplicationSourceStatus running = status();
        assertThat(running.syncInProgress()).isTrue();
        assertThat(running.lastManualSync()).isEmpty();

        new SimulatedVolsync(cluster.client(), Clock.fixed(T0.plusSeconds(404), ZoneOffset.UTC)).step();
        ReplicationSourceStatus done = status();
        assertThat(done.lastManualSync()).contains("rewind-20261130t160000");
        assertThat(done.latestMoverStatus()).map(m -> m.result()).contains(MoverResult.SUCCESSFUL);
        assertThat(done.syncInProgress()).isFalse();
        assertThat(done.lastSyncAt()).contains(T0.plusSeconds(404));
        assertThat(done.lastSyncDuration()).contains(java.time.Duration.ofSeconds(404));
        assertThat(cluster.client().batch().v1().jobs().inNamespace("default").withName(job).get()).isNull();

        volsync.step();   // same tag again: nothing happens
        assertThat(volsync.jobsCreated(ResourceKind.REPLICATION_SOURCE, "default", "paperless-ngx")).isEqualTo(1);
    }

    @Test
    void failingMoverIsRetriedForeverAndNeverCompletes() {
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), Clock.fixed(T0, ZoneOffset.UTC));
        volsync.failMover("default", "paperless-ngx");
        trigger("rewind-1");

        volsync.step();
        String firstUid = job().getMetadata().getUid();
        for (int i = 0; i < 3; i++) {
            volsync.step();
        }

        ReplicationSourceStatus status = status();
        assertThat(status.latestMoverStatus()).map(m -> m.result()).contains(MoverResult.FAILED);
        assertThat(status.latestMoverStatus()).map(m -> m.logs()).hasValueSatisfying(l -> assertThat(l).contains("FAILURE"));
        assertThat(status.lastManualSync()).isEmpty();
        assertThat(status.syncInProgress()).isTrue();
        assertThat(volsync.jobsCreated(ResourceKind.REPLICATION_SOURCE, "default", "paperless-ngx")).isEqualTo(4);
        assertThat(job().getMetadata().getUid()).isNotEqualTo(firstUid);
    }

    @Test
    void pausedSourceFakesASuccessfulSyncWithoutAJob() {
        cluster.client().genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context()).inNamespace("default")
                .withName("paperless-ngx").edit(rs -> {
                    spec(rs).put("paused", true);
                    return rs;
                });
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), Clock.fixed(T0, ZoneOffset.UTC));
        trigger("rewind-2");

        volsync.step();

        ReplicationSourceStatus status = status();
        assertThat(status.lastManualSync()).contains("rewind-2");
        assertThat(status.latestMoverStatus()).map(m -> m.result()).contains(MoverResult.SUCCESSFUL);
        assertThat(volsync.jobsCreated(ResourceKind.REPLICATION_SOURCE, "default", "paperless-ngx")).isZero();
        assertThat(job()).isNull();   // (the bootstrap RD's own restore-once Job is unrelated)
    }

    @Test
    void bootstrapDestinationReportsSuccessEvenWhenNothingWasRestored() {
        // The RD paperless-ngx-dst has manual: restore-once from Git and no lastManualSync yet.
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), Clock.fixed(T0, ZoneOffset.UTC));

        volsync.step();
        assertThat(cluster.client().batch().v1().jobs().inNamespace("default")
                .withName("volsync-dst-paperless-ngx-dst").get()).isNotNull();
        volsync.step();

        var status = reader.listReplicationDestinations(NamespaceScope.of("default")).getFirst().status();
        assertThat(status.lastManualSync()).contains("restore-once");
        assertThat(status.latestMoverStatus()).hasValueSatisfying(m -> {
            assertThat(m.result()).isEqualTo(MoverResult.SUCCESSFUL);
            assertThat(m.logs()).contains("No eligible snapshots found")
                    .contains("Looking for snapshots with identity: paperless-ngx@default:/data");
        });
        assertThat(status.latestImage()).hasValueSatisfying(img ->
                assertThat(img.name()).isEqualTo("volsync-paperless-ngx-dst-dest-20261130160000"));
        assertThat(status.requestedIdentity()).contains("paperless-ngx@default");
    }

    @Test
    void destinationRestoringASnapshotNamesIt() {
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), Clock.fixed(T0, ZoneOffset.UTC));
        volsync.outcome(ResourceKind.REPLICATION_DESTINATION, "default", "paperless-ngx-dst",
                new SimulatedVolsync.Outcome.Restores("k1a2b3c4d5e6f"));

        volsync.step();
        volsync.step();

        var status = reader.listReplicationDestinations(NamespaceScope.of("default")).getFirst().status();
        assertThat(status.latestMoverStatus()).map(m -> m.logs()).hasValueSatisfying(l ->
                assertThat(l).contains("Selected snapshot with id: k1a2b3c4d5e6f")
                        .contains("Snapshot restore completed successfully"));
    }

    private void trigger(String tag) {
        cluster.client().genericKubernetesResources(ResourceKind.REPLICATION_SOURCE.context()).inNamespace("default")
                .withName("paperless-ngx").edit(rs -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> trigger = (Map<String, Object>) spec(rs).get("trigger");
                    trigger.put("manual", tag);
                    return rs;
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource rs) {
        return (Map<String, Object>) rs.getAdditionalProperties().get("spec");
    }

    private Job job() {
        return cluster.client().batch().v1().jobs().inNamespace("default")
                .withName(MoverJobName.forSource("paperless-ngx")).get();
    }

    private ReplicationSourceStatus status() {
        return reader.listReplicationSources(NamespaceScope.of("default")).getFirst().status();
    }
}
