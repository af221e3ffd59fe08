package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: autoscalers that would scale a workload back up during the restore. KEDA ScaledObjects are paused
 * ({@code paused-replicas: "0"}) at QUIESCE, journalled, and put back at RESUME; an HPA with {@code minReplicas: 0}
 * is refused unless {@code --ignore-autoscalers}; other HPAs do not act on a workload at 0 replicas.
 */
class RestoreAutoscalerTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RestoreRequest request(boolean ignoreAutoscalers) {
        return RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest())
                .withOptions(new RestoreOptions(false, Optional.empty(), false, ignoreAutoscalers));
    }

    /** The service, recording the ScaledObject's annotation and the journal whenever RESTORE starts. */
    private RestoreService recording(String scaledObject, List<String> seen) {
        return new RestoreService(f.planner(), new RestoreExecutor(f.cluster.writer(), f.cluster.environment(),
                f.cluster.moverLogs(), f.clock, d -> {
                    f.clock.advance(d);
                    f.cluster.step();
                }, new SplittableRandom(1), RestoreSettings.defaults(), event -> {
                    f.events.add(event);
                    if (event instanceof RestoreProgress.PhaseStarted p && p.phase() == RestorePhase.RESTORE) {
                        seen.add(f.cluster.pausedReplicas(scaledObject).orElse("<none>"));
                        seen.add(f.cluster.configMap(NS, "rewind-restore-" + APP).get("pausedScaledObjects"));
                        seen.add(Integer.toString(f.cluster.replicas(NS, APP)));
                    }
                }), f.events::add);
    }

    @Test
    void aScaledObjectIsPausedDuringTheRestoreAndUnpausedAtResume() {
        f.cluster.scaledObject("paperless-ngx", Optional.empty());
        List<String> seen = new ArrayList<>();

        RestoreResult result = recording("paperless-ngx", seen).restore(request(false));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(seen).containsExactly("0", "{\"paperless-ngx\":null}", "0");
        assertThat(f.cluster.pausedReplicas("paperless-ngx")).isEmpty();
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(result.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .contains("pause ScaledObject default/paperless-ngx (autoscaling.keda.sh/paused-replicas: \"0\")",
                        "unpause ScaledObject default/paperless-ngx");
    }

    @Test
    void aScaledObjectPausedBeforeGetsItsAnnotationBack() {
        f.cluster.scaledObject("paperless-ngx", Optional.of("2"));
        List<String> seen = new ArrayList<>();

        RestoreResult result = recording("paperless-ngx", seen).restore(request(false));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(seen).first().isEqualTo("0");
        assertThat(f.cluster.pausedReplicas("paperless-ngx")).contains("2");
    }

    @Test
    void anHpaThatScalesFromZeroIsRefusedUnlessIgnored() {
        f.cluster.horizontalPodAutoscaler("paperless-ngx", 0);
        f.cluster.clearRequests();

        RewindException e = catchThrowableOfType(RewindException.class,
                () -> f.service().restore(request(false)));

        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("HorizontalPodAutoscaler default/paperless-ngx (minReplicas 0) may"
                + " scale StatefulSet default/paperless-ngx up while it is restored");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--ignore-autoscalers"));
        assertThat(f.cluster.takeMutatingRequests()).isEmpty();

        RestoreResult planned = f.service().restore(request(true).withDryRun(true));
        assertThat(planned.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .anyMatch(a -> a.startsWith("warning: HorizontalPodAutoscaler default/paperless-ngx (minReplicas 0)"));
    }

    @Test
    void anOrdinaryHpaIsLeftAloneBecauseItDoesNotScaleAWorkloadAtZero() {
        f.cluster.horizontalPodAutoscaler("paperless-ngx", 1);

        RestoreResult result = f.service().restore(request(false));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(result.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .contains("leave HorizontalPodAutoscaler default/paperless-ngx as is: it does not scale StatefulSet"
                        + " default/paperless-ngx while it has 0 replicas");
    }

    @Test
    void aRestoreInterruptedWhileTheScaledObjectIsPausedUnpausesItOnResume() {
        f.close();
        for (int crashAt = 1; crashAt < 40; crashAt++) {
            try (RestoreFixture g = new RestoreFixture()) {
                g.cluster.scaledObject("paperless-ngx", Optional.empty());
                CrashingClusterActions writer = new CrashingClusterActions(g.cluster.writer(), crashAt);
                try {
                    g.service(w -> writer).restore(request(false));
                } catch (RewindException e) {
                    assertThat(writer.crashed()).isTrue();
                }
                if (g.cluster.pausedReplicas("paperless-ngx").isEmpty()) {
                    continue;   // crashed before the pause
                }
                writer.revive();
                g.advance(java.time.Duration.ofMinutes(3));
                assertThat(g.cluster.configMap(NS, "rewind-restore-" + APP).get("pausedScaledObjects"))
                        .isEqualTo("{\"paperless-ngx\":null}");

                RestoreResult resumed = g.service().resume(APP, NS);

                assertThat(resumed.outcome()).as("crash at " + crashAt).isEqualTo(new RestoreOutcome.Succeeded());
                assertThat(g.cluster.pausedReplicas("paperless-ngx")).isEmpty();
                assertThat(g.cluster.replicas(NS, APP)).isEqualTo(2);
                return;
            }
        }
        throw new AssertionError("no crash point left the ScaledObject paused");
    }
}
