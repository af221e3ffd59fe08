package dev.rewind.restore.wholeapp;

import dev.rewind.app.PostgresControl;
import dev.rewind.pg.PgBackup;
import dev.rewind.pg.Poller;
import dev.rewind.pg.RecoveryExecutor;
import dev.rewind.storage.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * RECOVER_DATABASE of a whole-app restore: creates the journalled recovery Cluster beside the source (unless it
 * exists — a resumed run waits for it instead), waits until it is healthy and its first backup completed. Nothing of
 * the app is touched, so a failure here loses nothing. Waits through the injected {@link Sleeper} and {@link Clock},
 * running {@code beforeEachWait} (the Lease renewal) before each wait. Stateless; thread-safe if its ports are.
 */
final class DatabaseStage {
    private final PostgresControl control;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AppRestoreSettings settings;

    DatabaseStage(PostgresControl control, Clock clock, Sleeper sleeper, AppRestoreSettings settings) {
        this.control = Objects.requireNonNull(control, "control");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Whether the Cluster {@code namespace/name} exists (then a new run must not start). */
    boolean exists(String namespace, String name) {
        return control.findCluster(namespace, name).isPresent();
    }

    /**
     * Ensures the journal's recovery Cluster is created, healthy and backed up.
     *
     * @throws dev.rewind.error.RewindException TIMEOUT when it is not healthy or backed up in time; the reasons of
     *                                          {@link RecoveryExecutor#awaitRecovered}
     */
    void recover(AppRestoreJournal journal, Runnable beforeEachWait, Consumer<String> note) {
        String ns = journal.databaseNamespace();
        String name = journal.newCluster();
        Poller poller = new Poller(clock, d -> {
            beforeEachWait.run();
            sleeper.sleep(d);
        });
        if (control.findCluster(ns, name).isEmpty()) {
            control.create(journal.recoveryCluster());
            note.accept("created CNPG Cluster " + ns + "/" + name + " (recovery to " + journal.targetAt() + ")");
        } else {
            note.accept("CNPG Cluster " + ns + "/" + name + " exists (resumed run): waiting for it");
        }
        var outcome = new RecoveryExecutor(control, new PgBackup(control, poller), poller)
                .awaitRecovered(ns, name, settings.untilHealthy(), settings.untilBackedUp());
        note.accept("Cluster " + ns + "/" + name + " is healthy; first backup " + outcome.firstBackup().name()
                + " completed");
    }
}
