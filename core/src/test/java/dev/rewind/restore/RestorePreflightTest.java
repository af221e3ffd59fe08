package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.kube.SimulatedCluster;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 item [PREFLIGHT]: the surroundings are checked before anything is touched; each refusal is one line naming
 * what is wrong, and the cluster sees no mutating request.
 */
class RestorePreflightTest {
    private final RestoreFixture f = new RestoreFixture();

    @BeforeEach
    void setUp() {
        f.cluster.clearRequests();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RestoreRequest inPlace() {
        return RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Newest());
    }

    private RestoreRequest replace() {
        return inPlace().withMode(RestoreMode.REPLACE);
    }

    private RewindException refused(Reason reason, RestoreRequest request) {
        RewindException e = catchThrowableOfType(RewindException.class, () -> f.service().restore(request));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(f.cluster.takeMutatingRequests()).as("nothing changed").isEmpty();
        return e;
    }

    @Test
    void aVolsyncControllerWithoutReadyReplicasIsUnavailable() {
        f.cluster.volsyncControllerDown();
        f.cluster.clearRequests();

        RewindException e = refused(Reason.UNAVAILABLE, inPlace());

        assertThat(e.getMessage()).isEqualTo("the Volsync controller Deployment volsync-system/volsync has no ready"
                + " replica");
    }

    @Test
    void noVolsyncControllerIsNotFound() {
        f.cluster.volsyncControllerMissing();
        f.cluster.clearRequests();

        RewindException e = refused(Reason.NOT_FOUND, inPlace());

        assertThat(e.getMessage()).contains("no Volsync controller").contains("app.kubernetes.io/name=volsync");
    }

    @Test
    void aControllerHiddenByRbacIsOnlyAWarning() {
        f.cluster.deploymentsNotListable();

        RestoreResult result = f.service().restore(inPlace().withDryRun(true));

        assertThat(result.plan().orElseThrow().steps()).filteredOn(s -> s.phase() == RestorePhase.PREFLIGHT)
                .extracting(PlannedStep::action).singleElement().asString()
                .startsWith("warning: cannot check the Volsync controller (forbidden: list deployments")
                .endsWith("assuming it runs");
    }

    @Test
    void aMissingVolumeSnapshotClassIsRefusedWhenTheSafetySnapshotNeedsIt() {
        f.cluster.snapshotClassMissing();
        f.cluster.clearRequests();

        RewindException e = refused(Reason.NOT_FOUND, inPlace());

        assertThat(e.getMessage()).isEqualTo("VolumeSnapshotClass " + SimulatedCluster.SNAPSHOT_CLASS
                + " (volumeSnapshotClassName of ReplicationSource default/paperless-ngx, used for the safety"
                + " snapshot) does not exist");
        assertThat(f.service().restore(inPlace().withNoSafetySnapshot(true).withDryRun(true)).outcome())
                .as("without a safety snapshot an in-place restore needs no class")
                .isEqualTo(new RestoreOutcome.Succeeded());
    }

    @Test
    void replaceModeNeedsTheDestinationsSnapshotClassEvenWithoutASafetySnapshot() {
        f.cluster.snapshotClassMissing();
        f.cluster.clearRequests();

        RewindException e = refused(Reason.NOT_FOUND, replace().withNoSafetySnapshot(true));

        assertThat(e.getMessage()).contains("ReplicationDestination default/paperless-ngx-dst, used for its"
                + " latestImage");
    }

    @Test
    void aMissingStorageClassIsNotFound() {
        f.cluster.storageClassMissing();
        f.cluster.clearRequests();

        RewindException e = refused(Reason.NOT_FOUND, inPlace());

        assertThat(e.getMessage()).isEqualTo("StorageClass ceph-rbd of claim default/paperless-ngx does not exist");
    }

    @Test
    void waitForFirstConsumerInReplaceModeIsExplainedInThePlan() {
        f.cluster.waitForFirstConsumer();
        f.cluster.clearRequests();

        RestoreResult result = f.service().restore(replace().withDryRun(true));

        assertThat(result.plan().orElseThrow().steps()).extracting(PlannedStep::action)
                .anyMatch(a -> a.startsWith("StorageClass ceph-rbd is WaitForFirstConsumer") && a.contains(
                        "rewind resumes the workloads and then waits for the claim (POST_VERIFY), not for Bound"));
        assertThat(f.cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void populatorStuckPendingOnAWaitForFirstConsumerClassIsRefusedWhenNoWorkloadWouldConsume() {
        f.cluster.waitForFirstConsumer();
        f.cluster.workloadReplicas(0);
        f.cluster.clearRequests();

        RewindException e = refused(Reason.UNSUPPORTED, replace());

        assertThat(e.getMessage()).contains("StorageClass ceph-rbd is WaitForFirstConsumer")
                .contains("would stay Pending forever");
    }

    @Test
    void aClaimSmallerThanTheSnapshotIsRefused() {
        f.cluster.claimStorage("10");

        RewindException e = refused(Reason.INVALID_INPUT, inPlace());

        assertThat(e.getMessage()).startsWith("claim default/paperless-ngx requests 10 (10 bytes) but snapshot ")
                .contains(RestoreFixture.ids().get(2)).endsWith(" bytes");
    }

    @Test
    void replaceModeNeverGuessesTheDestinationCapacity() {
        f.cluster.destinationCapacity(Optional.empty());

        RewindException e = refused(Reason.INVALID_INPUT, replace());

        assertThat(e.getMessage()).isEqualTo("ReplicationDestination default/paperless-ngx-dst has no"
                + " spec.kopia.capacity; rewind does not guess the size of the restored volume");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("100Gi"));
    }

    @Test
    void replaceModeRefusesADestinationCapacityBelowTheSnapshotOrAboveTheClaim() {
        f.cluster.destinationCapacity(Optional.of("16"));
        assertThat(refused(Reason.INVALID_INPUT, replace()).getMessage())
                .startsWith("ReplicationDestination default/paperless-ngx-dst capacity 16 (16 bytes) is smaller than"
                        + " snapshot ");

        f.cluster.destinationCapacity(Optional.of("200Gi"));
        assertThat(refused(Reason.INVALID_INPUT, replace()).getMessage())
                .isEqualTo("ReplicationDestination default/paperless-ngx-dst capacity 200Gi is larger than claim"
                        + " default/paperless-ngx (100Gi): a claim cannot be populated from a larger snapshot");

        f.cluster.destinationCapacity(Optional.of("lots"));
        assertThat(refused(Reason.INVALID_INPUT, replace()).getMessage())
                .isEqualTo("spec.kopia.capacity of ReplicationDestination default/paperless-ngx-dst 'lots' is not a"
                        + " storage quantity (e.g. 100Gi)");
    }

    @Test
    void aRestoreThatCouldNotWatchTheVolumeDetachIsRefusedUpFront() {
        f.cluster.deny("list", "volumeattachments");

        RewindException e = refused(Reason.UNAVAILABLE, inPlace());

        assertThat(e.getMessage()).contains("list volumeattachments.storage.k8s.io");
    }

    @Test
    void storageQuantitiesParseAsKubernetesDoes() {
        assertThat(StorageQuantity.bytes("100Gi", "x")).isEqualTo(100L << 30);
        assertThat(StorageQuantity.bytes("5G", "x")).isEqualTo(5_000_000_000L);
        assertThat(StorageQuantity.bytes("1.5Ki", "x")).isEqualTo(1536);
        assertThat(StorageQuantity.bytes("1048576", "x")).isEqualTo(1 << 20);
        assertThat(StorageQuantity.bytes("1e9", "x")).isEqualTo(1_000_000_000L);
    }
}
