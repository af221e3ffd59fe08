package dev.rewind.drill;

import static dev.rewind.drill.DrillFixture.APP;
import static dev.rewind.drill.DrillFixture.NS;
import static dev.rewind.drill.DrillFixture.SANDBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kopia.snapshot.DirectorySummary;
import dev.rewind.kopia.snapshot.SnapshotManifest;
import dev.rewind.restore.SnapshotSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Restore drills end to end: mock API server in CRUD mode, simulated Volsync and checker pods, a real repository. */
class DrillServiceTest {
    private final DrillFixture f = new DrillFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static DrillSelection generation(DrillGeneration g) {
        return new DrillSelection.Generation(g);
    }

    private static DrillCounts countsOf(SnapshotManifest snapshot) {
        DirectorySummary summary = snapshot.rootSummary().orElseThrow();
        return new DrillCounts(summary.fileCount(), summary.totalSizeBytes());
    }

    @Test
    void aDrillOfTheNewestSnapshotPassesWithTheExactCountsAndLeavesNothingBehind() {
        SnapshotManifest newest = f.previous(0);

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.outcome()).isEqualTo(new DrillOutcome.Passed());
        assertThat(result.generation()).isEqualTo(DrillGeneration.NEWEST);
        assertThat(result.snapshot().orElseThrow().id()).isEqualTo(newest.id().toString());
        assertThat(result.expected()).contains(new DrillCounts(4, countsOf(newest).sizeBytes()));
        assertThat(result.found()).isEqualTo(result.expected());
        assertThat(result.timeToRestore()).hasValueSatisfying(t -> assertThat(t).isPositive());
        assertThat(result.durations()).containsKeys(DrillPhase.PLAN, DrillPhase.PREPARE, DrillPhase.RESTORE,
                DrillPhase.CHECK, DrillPhase.CLEANUP);
        assertThat(result.durations().get(DrillPhase.RESTORE)).isEqualTo(result.timeToRestore().orElseThrow());
        assertThat(result.cleanupProblems()).isEmpty();
        assertThat(result.sandboxNamespace()).isEqualTo(SANDBOX);
        assertThat(f.cluster.checkers().checked()).isEqualTo(1);
        assertThat(f.sandboxLeftovers()).isEmpty();
        // the app is untouched
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.replicationDestinations(NS)).containsExactly(APP + "-dst");
        assertThat(f.cluster.client().secrets().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(f.cluster.sourcePaused(NS, APP)).isFalse();
        // the drill created the sandbox namespace and keeps it (deleting it would block the next drill)
        assertThat(f.events).anyMatch(e -> e.startsWith("PREPARE: created namespace " + SANDBOX));
        assertThat(f.events).noneMatch(e -> e.contains("deleted Namespace"));
        assertThat(f.sandboxNamespaceExists()).isTrue();
    }

    @Test
    void theTemporaryDestinationPinsTheSnapshotInTheSandboxWithTheAppsIdentity() {
        SnapshotManifest daily = f.previous(1);

        DrillPlan plan = f.service().plan(DrillRequest.of(APP, NS, generation(DrillGeneration.DAILY)));

        assertThat(plan.snapshot().id()).isEqualTo(daily.id().toString());
        assertThat(plan.destination().namespace()).isEqualTo(SANDBOX);
        assertThat(plan.destination().name()).isEqualTo("paperless-ngx-drill-20261130170000");
        @SuppressWarnings("unchecked")
        Map<String, Object> kopia = (Map<String, Object>) ((Map<String, Object>) plan.destination().document()
                .get("spec")).get("kopia");
        assertThat(kopia).containsEntry("copyMethod", "Direct")
                .containsEntry("destinationPVC", "paperless-ngx-drill-20261130170000")
                .containsEntry("repository", "paperless-ngx-drill-20261130170000-repository")
                .containsEntry("username", APP).containsEntry("hostname", NS)
                .containsEntry("restoreAsOf", daily.startTimeText()).containsEntry("previous", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> claimSpec = (Map<String, Object>) plan.claim().document().get("spec");
        assertThat(claimSpec).containsEntry("resources", Map.of("requests", Map.of("storage", "100Gi")))
                .containsEntry("storageClassName", "ceph-rbd");
        assertThat(plan.checker().document().toString()).contains("readOnly=true")
                .contains("claimName=paperless-ngx-drill-20261130170000");
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void dailyAndWeeklyDrillOlderSnapshotsAndWeeklyFallsBackToTheOldest() {
        DrillResult daily = f.drill(generation(DrillGeneration.DAILY));
        f.clock.advance(Duration.ofMinutes(5));
        DrillResult weekly = f.drill(generation(DrillGeneration.WEEKLY));

        assertThat(daily.outcome()).isEqualTo(new DrillOutcome.Passed());
        assertThat(daily.snapshot().orElseThrow().id()).isEqualTo(f.previous(1).id().toString());
        assertThat(daily.found()).contains(countsOf(f.previous(1)));
        assertThat(weekly.outcome()).isEqualTo(new DrillOutcome.Passed());
        assertThat(weekly.snapshot().orElseThrow().id()).isEqualTo(f.previous(2).id().toString());
        assertThat(weekly.found()).contains(new DrillCounts(3, countsOf(f.previous(2)).sizeBytes()));
        assertThat(weekly.selectionNote()).hasValueSatisfying(n -> assertThat(n)
                .contains("no complete snapshot started before 2026-11-23T17:05")
                .contains(f.previous(2).id().toString()));
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aRestoreOfAnotherSnapshotsDataFailsTheCheckWithTheCounts() {
        f.cluster.restoresWrite("snapshot:" + f.previous(2).id());

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
            assertThat(failed.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(failed.message()).contains("holds 3 files").contains("snapshot " + f.previous(0).id()
                    + " has 4");
        });
        assertThat(result.found()).contains(countsOf(f.previous(2)));
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void anEmptyRestoreFailsTheCheck() {
        f.cluster.restoresWrite("");

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
            assertThat(failed.message()).contains("holds 0 files");
        });
        assertThat(result.found()).contains(new DrillCounts(0, 0));
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aMoverThatRestoredNothingFailsTheRestoreGate() {
        f.cluster.restoreMoversFindNothing();

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.RESTORE);
            assertThat(failed.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(failed.message()).contains("ReplicationDestination " + SANDBOX + "/")
                    .contains("restored nothing");
        });
        assertThat(result.timeToRestore()).isEmpty();
        assertThat(result.found()).isEmpty();
        assertThat(f.cluster.checkers().checked()).isZero();
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aDestinationThatNeverSyncsTimesOutAndEverythingIsCleanedUp() {
        f.cluster.restoreMoversHang();

        DrillResult result = f.service().drill(DrillRequest.of(APP, NS, generation(DrillGeneration.NEWEST))
                .withTimeout(Duration.ofMinutes(3)));

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.RESTORE);
            assertThat(failed.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(failed.message()).contains("timed out at 2026-11-30T17:03:00Z")
                    .contains("to finish trigger rewind-drill-20261130170000-");
        });
        assertThat(result.cleanupProblems()).isEmpty();
        f.cluster.step();   // the garbage collector removes the mover Job of the deleted RD
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aFailingCheckerPodFailsTheDrillWithItsLog() {
        f.cluster.checkers().failing();

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
            assertThat(failed.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(failed.message()).contains("Pod " + SANDBOX + "/paperless-ngx-drill-20261130170000-check")
                    .contains("exit 1").contains("Permission denied");
        });
        assertThat(result.timeToRestore()).isPresent();
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void theCheckCommandsExitStatusDecides() {
        f.cluster.checkers().checkCommandExits(command -> command.contains("sqlite3") ? 1 : 0);

        DrillResult failing = f.service().drill(DrillRequest.of(APP, NS, generation(DrillGeneration.NEWEST))
                .withCheckCommand("sqlite3 data/celery.db 'pragma integrity_check'"));
        f.clock.advance(Duration.ofMinutes(1));
        DrillResult passing = f.service().drill(DrillRequest.of(APP, NS, generation(DrillGeneration.NEWEST))
                .withCheckCommand("test -s data/celery.db"));

        assertThat(failing.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.CHECK);
            assertThat(failed.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(failed.message()).contains("the check command exited 1");
        });
        assertThat(failing.checkCommandExit()).hasValue(1);
        assertThat(passing.outcome()).isEqualTo(new DrillOutcome.Passed());
        assertThat(passing.checkCommandExit()).hasValue(0);
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void anExistingSandboxNamespaceIsKept() {
        f.cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(SANDBOX)
                .endMetadata().build()).create();

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.passed()).isTrue();
        assertThat(f.sandboxLeftovers()).isEmpty();
        assertThat(f.sandboxNamespaceExists()).isTrue();
    }

    @Test
    void anInterruptedDrillStillCleansUp() {
        f.sleeper = duration -> {
            throw new InterruptedException("test");
        };

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(Thread.interrupted()).isTrue();   // the interrupt is passed on (and cleared for the next test)
        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.RESTORE);
            assertThat(failed.reason()).isEqualTo(Reason.INTERRUPTED);
        });
        assertThat(f.sandboxLeftovers()).isEmpty();
    }

    @Test
    void aCleanupFailureIsReportedAndFailsAnOtherwisePassedDrill() {
        String secret = "paperless-ngx-drill-20261130170000-repository";
        f.cluster.forbidDelete("/api/v1/namespaces/" + SANDBOX + "/secrets/" + secret);

        DrillResult result = f.drill(generation(DrillGeneration.NEWEST));

        assertThat(result.found()).isEqualTo(result.expected());
        assertThat(result.outcome()).isInstanceOfSatisfying(DrillOutcome.Failed.class, failed -> {
            assertThat(failed.phase()).isEqualTo(DrillPhase.CLEANUP);
            assertThat(failed.reason()).isEqualTo(Reason.PARTIAL);
            assertThat(failed.message()).contains("cleanup incomplete: Secret " + SANDBOX + "/" + secret);
        });
        assertThat(result.cleanupProblems()).singleElement().asString().contains("forbidden");
        assertThat(f.sandboxLeftovers()).containsExactly("Secret/" + secret);
    }

    @Test
    void refusalsInPlanCreateNothing() {
        DrillService service = f.service();

        assertThatThrownBy(() -> service.drill(DrillRequest.of("nextcloud", NS, generation(DrillGeneration.NEWEST))))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nextcloud");
                });
        assertThatThrownBy(() -> service.drill(DrillRequest.of(APP, NS, new DrillSelection.Chosen(
                new SnapshotSelector.AsOf(Instant.parse("2026-12-01T00:00:00Z"))))))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("2026-12-01T00:00:00Z is in the future");
                });
        assertThatThrownBy(() -> service.drill(DrillRequest.of(APP, NS, generation(DrillGeneration.NEWEST))
                .withSandboxNamespace(NS)))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("sandbox namespace default is the namespace of app");
                });
        f.cluster.deny("create", "replicationdestinations");
        assertThatThrownBy(() -> service.drill(DrillRequest.of(APP, NS, generation(DrillGeneration.NEWEST))))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("create replicationdestinations.volsync.backube -n "
                            + SANDBOX);
                });
        assertThat(f.sandboxLeftovers()).isEmpty();
        assertThat(f.cluster.checkers().checked()).isZero();
    }

    @Test
    void aChosenSnapshotByIdIsDrilledAsChosen() {
        String id = f.previous(1).id().toString();

        DrillResult result = f.drill(new DrillSelection.Chosen(new SnapshotSelector.ById(id.substring(0, 10))));

        assertThat(result.passed()).isTrue();
        assertThat(result.generation()).isEqualTo(DrillGeneration.CHOSEN);
        assertThat(result.snapshot().map(s -> s.id())).isEqualTo(Optional.of(id));
    }
}
