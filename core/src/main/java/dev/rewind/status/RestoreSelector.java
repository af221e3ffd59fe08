package dev.rewind.status;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A ReplicationDestination's snapshot selector left in place after a restore (volsync.md §2.3, §2.4).
 *
 * @param destination the RD name
 * @param restoreAsOf {@code spec.kopia.restoreAsOf} as written
 * @param previous    {@code spec.kopia.previous}
 */
public record RestoreSelector(String destination, Optional<String> restoreAsOf, OptionalInt previous) {
    public RestoreSelector {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(restoreAsOf, "restoreAsOf");
        Objects.requireNonNull(previous, "previous");
    }
}
