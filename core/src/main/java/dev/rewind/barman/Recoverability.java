package dev.rewind.barman;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "can the archive recover target time T?" (cnpg-barman.md §4.8). The answer is a heuristic: it reads
 * upload times, not commit records in the WAL (§4.8 step 5).
 */
public sealed interface Recoverability {

    Instant target();

    /**
     * T is reachable: pin {@code backupId} in the recovery manifest; recovery replays {@code firstWal} through at
     * least the segment uploaded after T, following {@code hops}.
     *
     * @param earliestTargetAt the earliest valid target for this backup (its end time + 1 s)
     * @param walUntil         the last gap-free segment of the chain
     */
    record Recoverable(Instant target, BackupId backupId, Instant earliestTargetAt, WalName firstWal,
                       WalName walUntil, List<TimelineHop> hops) implements Recoverability {
    }

    /** T is not reachable; {@code reason} says why in one line. */
    record NotRecoverable(Instant target, String reason) implements Recoverability {
    }
}
