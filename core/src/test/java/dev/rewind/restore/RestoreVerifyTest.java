package dev.rewind.restore;

import static dev.rewind.restore.RestoreFixture.APP;
import static dev.rewind.restore.RestoreFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 item [9]: {@code --verify} waits for the workloads after RESUME, then a read-only pod counts the files of
 * the restored claim (or of {@code --data-path}) and compares them with the snapshot's; a mismatch fails the
 * verification (CORRUPT → exit 4) and keeps the restored data.
 */
class RestoreVerifyTest {
    private final RestoreFixture f = new RestoreFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private RestoreRequest verify(Optional<String> path) {
        return RestoreRequest.inPlace(APP, NS, new SnapshotSelector.Previous(1))
                .withOptions(new RestoreOptions(true, path, false, false));
    }

    private String note(String prefix) {
        return f.events.stream().filter(RestoreProgress.Note.class::isInstance)
                .map(e -> ((RestoreProgress.Note) e).message()).filter(m -> m.startsWith(prefix)).findFirst()
                .orElse("<none>");
    }

    @Test
    void theRestoredVolumeHoldsAsManyFilesAsTheSnapshot() {
        RestoreResult result = f.service().restore(verify(Optional.empty()));

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(note("claim default/paperless-ngx holds")).isEqualTo("claim default/paperless-ngx holds 2 files"
                + " under /, as snapshot " + s2);
        assertThat(f.cluster.pods(NS)).as("the counting pod is deleted").noneMatch(p -> p.endsWith("-verify"));
        assertThat(result.plan().orElseThrow().safeguards().volumeCheck()).hasValueSatisfying(c -> {
            assertThat(c.expectedFiles()).isEqualTo(2);
            assertThat(c.probe().document().toString()).contains("readOnly=true").contains("claimName=paperless-ngx");
        });
    }

    @Test
    void aDataPathComparesThatDirectory() {
        RestoreResult result = f.service().restore(verify(Optional.of("/media/")));

        assertThat(result.outcome()).isEqualTo(new RestoreOutcome.Succeeded());
        assertThat(note("claim default/paperless-ngx holds")).startsWith("claim default/paperless-ngx holds 1 files"
                + " under /media,");
    }

    @Test
    void aMismatchFailsTheVerificationAndKeepsTheRestoredData() {
        f.cluster.filesDrift(-1);

        RestoreResult result = f.service().restore(verify(Optional.empty()));

        String s2 = RestoreFixture.ids().get(1);
        assertThat(result.outcome()).isInstanceOfSatisfying(RestoreOutcome.Failed.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(r.message()).isEqualTo("verification failed: claim default/paperless-ngx holds 1 files under /,"
                    + " snapshot " + s2 + " has 2 (the restored data is kept)");
        });
        assertThat(result.lastPhase()).isEqualTo(RestorePhase.POST_VERIFY);
        assertThat(f.cluster.content(NS, APP)).isEqualTo("snapshot:" + s2);
        assertThat(f.cluster.replicas(NS, APP)).isEqualTo(2);
        assertThat(f.cluster.configMapExists(NS, "rewind-restore-" + APP)).isFalse();
        assertThat(f.cluster.pods(NS)).noneMatch(p -> p.endsWith("-verify"));
    }

    @Test
    void aDataPathThatIsNotInTheSnapshotIsRefusedBeforeAnythingChanges() {
        f.cluster.clearRequests();

        assertThatThrownBy(() -> f.service().restore(verify(Optional.of("nope")))).isInstanceOfSatisfying(
                RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("path 'nope' does not exist in snapshot");
                });
        assertThat(f.cluster.takeMutatingRequests()).isEmpty();
    }

    @Test
    void badOptionsAreInvalidInput() {
        assertThatThrownBy(() -> new RestoreOptions(false, Optional.of("media"), false, false))
                .isInstanceOfSatisfying(RewindException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_INPUT);
                    assertThat(e.getMessage()).isEqualTo("--data-path media needs --verify");
                });
        assertThatThrownBy(() -> new RestoreOptions(true, Optional.of("media/../../etc"), false, false))
                .isInstanceOfSatisfying(RewindException.class, e -> assertThat(e.getMessage())
                        .startsWith("--data-path 'media/../../etc' is not a plain path inside the volume"));
        assertThatThrownBy(() -> new RestoreOptions(true, Optional.of("a\"; rm -rf /"), false, false))
                .isInstanceOf(RewindException.class);
        assertThat(new RestoreOptions(true, Optional.of("/"), false, false).dataPath()).isEmpty();
    }
}
