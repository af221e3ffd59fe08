package dev.rewind.cli;

import dev.rewind.backup.BackupEvent;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints {@link BackupEvent}s on stderr, one line each, prefixed with the app. Thread-safe. */
final class BackupProgress implements Consumer<BackupEvent> {
    private final PrintWriter err;

    BackupProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(BackupEvent event) {
        String line = switch (event) {
            case BackupEvent.Triggered t -> "triggered manual sync " + t.tag();
            case BackupEvent.MoverLog l -> l.pod() + ": " + l.line();
            case BackupEvent.MoverFailed f -> "mover failed (Volsync retries it): " + f.excerpt();
            case BackupEvent.SyncCompleted c -> "sync " + c.tag() + " completed";
            case BackupEvent.TriggerRestored r -> "trigger restored"
                    + r.trigger().schedule().map(s -> " (schedule '" + s + "')").orElse("");
            case BackupEvent.SnapshotConfirmed s -> "snapshot " + s.snapshotId() + " (started " + s.startAt()
                    + ") confirmed in the repository";
        };
        err.println(event.app() + ": " + line);
        err.flush();
    }
}
