package dev.rewind.kopia.format;

import java.time.Duration;

/**
 * An upgrade lock intent found in the repository config (kopia: repo/format/upgrade_lock_intent.go). Its presence
 * means {@code kopia repository upgrade} is (or was, and did not finish) rewriting the repository.
 *
 * @param ownerId who placed the lock
 * @param creationTime RFC 3339 text as written by Kopia (kept verbatim; informational)
 * @param message the operator's message
 * @param advanceNotice the announced advance notice
 */
public record UpgradeLock(String ownerId, String creationTime, String message, Duration advanceNotice) {

    static UpgradeLock parse(FormatJson json) {
        return new UpgradeLock(json.string("ownerID"), json.string("creationTime"), json.string("message"),
                Duration.ofNanos(json.integer("advanceNoticeDuration")));
    }
}
