package dev.rewind.drill;

import static dev.rewind.drill.DrillFixture.APP;
import static dev.rewind.drill.DrillFixture.NS;
import static dev.rewind.drill.DrillFixture.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox namespace's lifecycle (issue: a drill deleted the namespace it created, the namespace stayed
 * Terminating, and the next drill failed PREPARE because a Terminating namespace counted as existing): namespaces are
 * kept by default, a Terminating one is waited for (bounded) or refused with CONFLICT, deletion is opt-in, and the
 * server's policy never creates one. Also: an {@link Error} in a phase still runs CLEANUP.
 */
class DrillSandboxNamespaceTest {
    private final DrillFixture f = new DrillFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static DrillRequest newest() {
        return DrillRequest.of(APP, NS, new DrillSelection.Generation(DrillGeneration.NEWEST));
    }

    private void terminatingSandbox() {
        f.cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SANDBOX)
                .endMetadata().withNewStatus().withPhase("Terminating").endStatus().build()).create();
        assertThat(f.cluster.sandbox().findNamespacePhase(SANDBOX)).contains("Terminating");
    }

    @Test
    void aTerminatingSandboxIsWaitedForThenCreatedAgain() {
        terminatingSandbox();
        int[] polls = {0};
        f.sleeper = duration -> {
            f.clock.advance(duration);
            if (++polls[0] == 3) {
                f.cluster.client().namespaces().withName(SANDBOX).delete();   // the namespace controller finishes
            }
            f.cluster.step();
        };

        DrillResult result = f.service().drill(newest());

        assertThat(result.passed()).isTrue();
        assertThat(f.events).anyMatch(e -> e.startsWith("PREPARE: namespace " + SANDBOX + " is Terminating"));
        assertThat(f.events).anyMatch(e -> e.equals("PREPARE: created namespace " + SANDBOX));
        assertThat(f.cluster.sandbox().findNamespacePhase(SANDBOX)).contains("Active");
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aSandboxThatStaysTerminatingIsAConflictInPrepareAndNothingIsCreated() {
        terminatingSandbox();

        DrillResult result = f.service().drill(newest());

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.PREPARE);
            assertThat(failed.reason()).isEqualTo(Reason.CONFLICT);
            assertThat(failed.message()).contains("sandbox namespace " + SANDBOX + " is still Terminating");
        });
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void twoDrillsInARowPassAndTheNamespaceIsKeptByDefault() {
        DrillResult first = f.service().drill(newest());
        f.clock.advance(java.time.Duration.ofMinutes(1));
        DrillResult second = f.service().drill(newest());

        assertThat(first.passed()).isTrue();
        assertThat(second.passed()).isTrue();
        assertThat(f.sandboxNamespaceExists()).isTrue();
        assertThat(f.events).filteredOn(e -> e.startsWith("PREPARE: created namespace")).hasSize(1);
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void deletingTheSandboxIsOptInAndNeedsTheDeletePermissionOnlyThen() {
        f.cluster.deny("delete", "namespaces");
        DrillResult kept = f.service().drill(newest());
        assertThat(kept.passed()).isTrue();
        f.cluster.client().namespaces().withName(SANDBOX).delete();

        assertThatThrownBy(() -> f.service().drill(newest()
                .withNamespacePolicy(SandboxNamespacePolicy.CREATE_AND_DELETE)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("delete namespaces");
                });
    }

    @Test
    void withDeleteTheCreatedNamespaceIsDeleted() {
        DrillResult result = f.service().drill(newest().withNamespacePolicy(SandboxNamespacePolicy.CREATE_AND_DELETE));

        assertThat(result.passed()).isTrue();
        assertThat(f.events).anyMatch(e -> e.equals("CLEANUP: deleted Namespace " + SANDBOX));
        assertThat(f.sandboxNamespaceExists()).isFalse();
    }

    @Test
    void theServerPolicyRefusesAnAbsentSandboxInPlanAndNeverCreatesOne() {
        f.cluster.deny("create", "namespaces");
        f.cluster.clearRequests();

        assertThatThrownBy(() -> f.service().drill(newest().withNamespacePolicy(SandboxNamespacePolicy.MUST_EXIST)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("sandbox namespace " + SANDBOX + " does not exist");
                });
        assertThat(f.sandboxNamespaceExists()).isFalse();

        f.cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SANDBOX)
                .endMetadata().build()).create();
        DrillResult result = f.service().drill(newest().withNamespacePolicy(SandboxNamespacePolicy.MUST_EXIST));
        assertThat(result.passed()).isTrue();
        assertThat(f.sandboxNamespaceExists()).isTrue();
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void anErrorInAPhaseStillRunsCleanup() {
        f.sleeper = duration -> {
            throw new StackOverflowError("test");
        };

        assertThatThrownBy(() -> f.service().drill(newest())).isInstanceOf(StackOverflowError.class);

        assertThat(f.events).anyMatch(e -> e.startsWith("CLEANUP: deleted Secret " + SANDBOX + "/"));
        f.cluster.step();   // the garbage collector removes the mover Job of the deleted RD
        assertThat(f.sandboxLeftovers()).isEmpty();
    }
}
