package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.app.LeaseRecord;
import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refusals in PREFLIGHT and LIST_SNAPSHOTS change nothing in the cluster. */
class RestoreRefusalTest {
    private final RestoreFixture f = new RestoreFixture();

    @BeforeEach
    void setUp() {
        f.cluster.clearRequests();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aWrongIdentityIsRefusedInListSnapshotsWithTheIdentitiesThatExist() {
        f.cluster.sourceIdentity("nobody", "nowhere");
        f.cluster.clearRequests();

        RewindException e = refused(Reason.NOT_FOUND, () -> restore(new SnapshotSelector.Newest()));

        assertThat(e.getMessage()).contains("has no snapshots of nobody@nowhere:/data");
        assertThat(e.hint()).get().asString().contains(RestoreFixture.SOURCE).contains(RestoreFixture.CUSTOM_SOURCE);
    }

    @Test
    void noSnapshotAtOrBeforeTheTimestampIsNotFound() {
        RewindException e = refused(Reason.NOT_FOUND, () -> restore(new SnapshotSelector.AsOf(
                RestoreFixture.S1_AT.minusSeconds(1))));
        assertThat(e.getMessage()).contains("at or before 2026-11-28T01:59:59Z");
    }

    @Test
    void aFutureTimestampIsInvalid() {
        RewindException e = refused(Reason.INVALID_INPUT, () -> restore(new SnapshotSelector.AsOf(
                RestoreFixture.NOW.plusSeconds(60))));
        assertThat(e.getMessage()).contains("in the future");
    }

    @Test
    void previousOutOfRangeIsNotFound() {
        refused(Reason.NOT_FOUND, () -> restore(new SnapshotSelector.Previous(3)));
    }

    @Test
    void timestampTogetherWithPreviousIsInvalid() {
        assertThatThrownBy(() -> SnapshotSelector.of(Optional.of(Instant.EPOCH), Optional.of(1), Optional.empty()))
                .isInstanceOfSatisfying(RewindException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT));
        assertThatThrownBy(() -> RestoreTimestamp.parse("2026-11-29T02:00:00"))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("'2026-11-29T02:00:00'");
                });
    }

    @Test
    void aSnapshotOfAnotherSourceIsInvalid() {
        RewindException e = refused(Reason.INVALID_INPUT, () -> restore(new SnapshotSelector.ById(
                RestoreFixture.customIds().getFirst())));
        assertThat(e.getMessage()).contains("belongs to " + RestoreFixture.CUSTOM_SOURCE);
    }

    @Test
    void aMissingPermissionIsRefusedInPreflightNamingIt() {
        f.cluster.deny("patch", "helmreleases");
        f.cluster.deny("create", "volumesnapshots");

        RewindException e = refused(Reason.UNAVAILABLE, () -> restore(new SnapshotSelector.Newest()));

        assertThat(e.getMessage()).contains("patch helmreleases.helm.toolkit.fluxcd.io -n default")
                .contains("create volumesnapshots.snapshot.storage.k8s.io -n default");
        assertThat(f.openedLocations).as("refused before the repository is read").isEmpty();
    }

    @Test
    void replaceModeRefusesABootstrapDestinationThatWouldRestoreAnotherIdentity() {
        f.cluster.sourceIdentity("paperless", "nas-01");   // the RD's sourceIdentity does not carry overrides (§2.2)
        f.cluster.clearRequests();

        RewindException e = refused(Reason.INVALID_INPUT, () -> f.service().restore(RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.Newest()).withMode(RestoreMode.REPLACE)));

        assertThat(e.getMessage()).contains("restores paperless-ngx@default:/data")
                .contains("backs up paperless@nas-01:/data");
    }

    @Test
    void aSecondRestoreWhileAnotherHoldsTheLeaseIsAConflict() {
        f.cluster.writer().writeLease(new LeaseRecord(NS, "rewind-restore-" + APP, "rewind-other-laptop",
                RestoreFixture.NOW, Duration.ofMinutes(2), Optional.empty()));
        f.cluster.clearRequests();

        RewindException e = refused(Reason.CONFLICT, () -> restore(new SnapshotSelector.Newest()));

        assertThat(e.getMessage()).contains("rewind-other-laptop");
        assertThatThrownBy(() -> f.service().resume(APP, NS)).isInstanceOfSatisfying(RewindException.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.CONFLICT));
        assertThat(f.cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void anUnfinishedJournalRefusesANewRestore() {
        f.cluster.restoreMoversFail();
        CrashingClusterActions writer = new CrashingClusterActions(f.cluster.writer(), 6);
        RestoreResult crashed = f.service(w -> writer).restore(RestoreRequest.inPlace(APP, NS,
                new SnapshotSelector.Newest()));
        assertThat(crashed.outcome()).isInstanceOf(RestoreOutcome.Interrupted.class);
        f.advance(Duration.ofMinutes(3));
        f.cluster.clearRequests();

        assertThatThrownBy(() -> restore(new SnapshotSelector.Newest())).isInstanceOfSatisfying(
                RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("rewind-restore-" + APP).contains("phase QUIESCE");
                    assertThat(e.hint()).get().asString().contains("--resume or --abort");
                });
        assertThat(f.cluster.takeMutatingRequests()).as("refused in PREFLIGHT, before the lease").isEmpty();
        assertThat(f.service().abort(APP, NS).outcome()).isInstanceOf(RestoreOutcome.RolledBack.class);
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
    }

    private RestoreResult restore(SnapshotSelector selector) {
        return f.service().restore(RestoreRequest.inPlace(APP, NS, selector));
    }

    private RewindException refused(Reason reason, ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(RewindException.class);
        RewindException e = (RewindException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(f.cluster.takeMutatingRequests()).as("nothing changed").isEmpty();
        assertThat(f.cluster.content(NS, APP)).isEqualTo("original");
        assertThat(f.cluster.suspended("HelmRelease", NS, APP)).isFalse();
        return e;
    }
}
