package dev.rewind.restore;

import dev.rewind.error.Reason;
import dev.rewind.volsync.MoverResult;
import dev.rewind.volsync.MoverStatus;
import dev.rewind.volsync.ReplicationDestination;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence gates on a restore mover's run (volsync.md §2.5, §8.1 row 5), shared by the restore and the restore
 * drill. Volsync's status can lie: a mover that found nothing, or created a new empty repository, still reports
 * {@code Successful}. So a run counts only if it finished the manual trigger rewind set, its result is
 * {@code Successful}, its log names the pinned snapshot id ({@code Selected snapshot with id: <id>}) and the identity
 * it asked for is the app's.
 */
public final class MoverGate {
    static final String NO_ELIGIBLE = "No eligible snapshots";
    static final String NEW_REPOSITORY = "creating new repository";
    static final String NO_DATA = "No data will be restored";
    static final String CREATING_REPOSITORY = "=== Creating repository ===";
    static final String SELECTED = "Selected snapshot with id: ";

    private MoverGate() {
    }

    /** Why a gate failed: the reason and a one-line message naming the ReplicationDestination. */
    public record Failure(Reason reason, String message) {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Whether the RD has finished the manual trigger {@code tag} ({@code status.lastManualSync}). */
    public static boolean finished(ReplicationDestination rd, String tag) {
        return rd.status().lastManualSync().filter(tag::equals).isPresent();
    }

    /** A mover run that failed while the trigger is still pending (Volsync retries it forever, §4.4). */
    public static Optional<Failure> failedRun(ReplicationDestination rd) {
        return rd.status().latestMoverStatus().filter(s -> s.result() == MoverResult.FAILED)
                .map(s -> new Failure(Reason.UNAVAILABLE, "the restore mover of " + rd.name() + " failed: "
                        + lastLine(s)));
    }

    /** The gates on a finished run, on the status tail alone; see {@link #verify(ReplicationDestination, String,
     * String, String)}. */
    public static Optional<Failure> verify(ReplicationDestination rd, String snapshotId, String userAtHost) {
        return verify(rd, snapshotId, userAtHost, "");
    }

    /**
     * The gates on a finished run; empty when the mover restored exactly {@code snapshotId} as {@code userAtHost}.
     * {@code podLog} is what could be read of the mover pods' logs ("" when none could): it is checked together with
     * the status's 1 KiB tail, which alone may have lost the lines that matter.
     */
    public static Optional<Failure> verify(ReplicationDestination rd, String snapshotId, String userAtHost,
                                           String podLog) {
        var status = rd.status();
        String where = "ReplicationDestination " + rd.namespace() + "/" + rd.name();
        if (status.latestMoverStatus().isEmpty()) {
            return Optional.of(new Failure(Reason.PARTIAL, where + " finished without a mover status"));
        }
        MoverStatus mover = status.latestMoverStatus().get();
        String logs = podLog + "\n" + mover.logs();
        if (mover.result() != MoverResult.SUCCESSFUL) {
            return Optional.of(new Failure(Reason.UNAVAILABLE, where + " mover result " + mover.result()));
        }
        if (logs.toLowerCase(Locale.ROOT).contains(NEW_REPOSITORY) || logs.contains(CREATING_REPOSITORY)) {
            return Optional.of(new Failure(Reason.PARTIAL, where + " created a new empty repository instead of"
                    + " restoring (wrong repository location, volsync.md §2.5)"));
        }
        if (logs.contains(NO_ELIGIBLE) || logs.contains(NO_DATA)) {
            return Optional.of(new Failure(Reason.PARTIAL, where + " reported success but restored nothing"
                    + " (\"No eligible snapshots found\", volsync.md §2.5)"));
        }
        if (!logs.contains(SELECTED + snapshotId)) {
            Optional<String> other = logs.lines().filter(l -> l.contains(SELECTED)).findFirst()
                    .map(l -> l.substring(l.indexOf(SELECTED) + SELECTED.length()).trim());
            return Optional.of(new Failure(Reason.PARTIAL, where + " did not restore the pinned snapshot "
                    + snapshotId + ": " + other.map(id -> "its mover selected " + id)
                    .orElse("its log does not name the snapshot (" + lastLine(mover) + ")")));
        }
        if (status.requestedIdentity().filter(id -> !id.equals(userAtHost)).isPresent()) {
            return Optional.of(new Failure(Reason.PARTIAL, where + " used identity "
                    + status.requestedIdentity().get() + ", expected " + userAtHost));
        }
        return Optional.empty();
    }

    private static String lastLine(MoverStatus status) {
        List<String> lines = status.logs().lines().filter(l -> !l.isBlank()).toList();
        return lines.stream().filter(l -> l.startsWith("ERROR") || l.contains("No eligible")).findFirst()
                .orElse(lines.isEmpty() ? status.result().name() : lines.getLast());
    }
}
