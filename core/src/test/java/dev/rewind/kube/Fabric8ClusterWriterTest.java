package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.volsync.Trigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write/watch adapter against the mock API server. */
class Fabric8ClusterWriterTest {
    private final MockCluster cluster = new MockCluster();
    private final Fabric8ClusterWriter writer = new Fabric8ClusterWriter(cluster.client());

    Fabric8ClusterWriterTest() {
        new ReferenceCluster(cluster).paperlessNgx();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private Trigger trigger() {
        return writer.getReplicationSource("default", "paperless-ngx").trigger();
    }

    /**
     * Asserted through the domain model: the mock server keeps {@code null} members of a merge patch where a real
     * API server removes them (RFC 7386); the mapper treats both alike.
     */
    @Test
    void triggerIsReplacedExactlyWithOneMergePatch() {
        cluster.takeRequests();
        writer.setReplicationSourceTrigger("default", "paperless-ngx",
                new Trigger(Optional.of("20 * * * *"), Optional.of("rewind-1")));
        assertThat(cluster.takeRequests()).filteredOn(r -> !r.startsWith("GET")).containsExactly(
                "PATCH /apis/volsync.backube/v1alpha1/namespaces/default/replicationsources/paperless-ngx");
        assertThat(trigger()).isEqualTo(new Trigger(Optional.of("20 * * * *"), Optional.of("rewind-1")));

        writer.setReplicationSourceTrigger("default", "paperless-ngx", Trigger.manual("restore-once"));
        assertThat(trigger()).isEqualTo(Trigger.manual("restore-once"));

        writer.setReplicationSourceTrigger("default", "paperless-ngx", Trigger.none());
        assertThat(trigger()).isEqualTo(Trigger.none());
        assertThat(writer.getReplicationSource("default", "paperless-ngx").kopia().repository())
                .isEqualTo("paperless-ngx-volsync-secret");
    }

    @Test
    void missingSourceIsNotFound() {
        assertThatThrownBy(() -> writer.getReplicationSource("default", "nope"))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("ReplicationSource default/nope does not exist");
                });
        assertThatThrownBy(() -> writer.setReplicationSourceTrigger("default", "nope", Trigger.manual("x")))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("default/nope");
                });
    }

    @Test
    void moverPodsByJobLabelAndTheirLogs() {
        SimulatedVolsync volsync = new SimulatedVolsync(cluster.client(), java.time.Clock.systemUTC());
        writer.setReplicationSourceTrigger("default", "paperless-ngx", Trigger.manual("rewind-1"));
        volsync.step();

        List<String> pods = writer.findPods("default", "volsync-src-paperless-ngx");
        assertThat(pods).singleElement().asString().startsWith("volsync-src-paperless-ngx-");
        assertThat(writer.findPods("default", "volsync-src-other")).isEmpty();
        cluster.server().expect().get().withPath("/api/v1/namespaces/default/pods/gone/log?pretty=false&container=kopia")
                .andReturn(404, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(404)
                        .withReason("NotFound").withStatus("Failure").withMessage("pods \"gone\" not found").build())
                .always();
        assertThat(writer.readLog("default", "gone", "kopia")).isEmpty();
    }

    @Test
    void aLogReadIsOneGetOfTheLogWithoutWatchingThePod() {
        cluster.server().expect().get().withPath("/api/v1/namespaces/default/pods/p/log?pretty=false&container=kopia")
                .andReturn(200, "line one\nline two\n").always();
        cluster.takeRequests();

        assertThat(writer.readLog("default", "p", "kopia")).isEqualTo("line one\nline two\n");
        assertThat(cluster.takeRequests())
                .containsExactly("GET /api/v1/namespaces/default/pods/p/log?pretty=false&container=kopia");
    }

    @Test
    void aContainerNotStartedYetReadsAsAnEmptyLog() {
        cluster.server().expect().get().withPath("/api/v1/namespaces/default/pods/p/log?pretty=false&container=kopia")
                .andReturn(400, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(400)
                        .withReason("BadRequest").withStatus("Failure")
                        .withMessage("container \"kopia\" in pod \"p\" is waiting to start: ContainerCreating")
                        .build()).always();

        assertThat(writer.readLog("default", "p", "kopia")).isEmpty();
    }

    @Test
    void forbiddenLogIsUnavailableNamingPodsLog() {
        cluster.server().expect().get().withPath("/api/v1/namespaces/default/pods/p/log?pretty=false&container=kopia")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(403)
                        .withReason("Forbidden").withStatus("Failure").withMessage("forbidden").build()).always();

        assertThatThrownBy(() -> writer.readLog("default", "p", "kopia"))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("forbidden: get pods/log in namespace default");
                });
    }
}
