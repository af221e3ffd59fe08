package dev.rewind.backup;

import dev.rewind.app.App;
import dev.rewind.kopia.KopiaRepository;

/**
 * Opens the Kopia repository an app's ReplicationSource writes to, read-only, from where rewind runs.
 *
 * <p>Contract: each call opens afresh (a backup needs to see snapshots written after an earlier open). Failures are
 * {@link dev.rewind.error.RewindException}s: UNAVAILABLE / NOT_FOUND when the repository cannot be reached from here
 * (e.g. a {@code filesystem://} URL that exists only inside the mover pod), WRONG_PASSWORD, UNSUPPORTED, CORRUPT.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface RepositoryOpener {
    KopiaRepository open(App app);
}
