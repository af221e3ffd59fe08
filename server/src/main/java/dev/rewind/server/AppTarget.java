package dev.rewind.server;

import dev.rewind.app.App;
import java.util.Objects;
import java.util.Optional;

/**
 * An app discovered in the cluster (a ReplicationSource): its Kopia source in the repository its Secret names,
 * verified with the RPO and retention its ReplicationSource implies ({@link dev.rewind.verify.ReplicationSourcePolicy}).
 * Named {@code <namespace>.<name>}.
 *
 * @param app         the app as discovered (its repository Secret included; never logged)
 * @param backup      the backup trigger schedule, when backup triggers select this app
 */
public record AppTarget(TargetName name, App app, Optional<Schedule> quickVerify, Optional<Schedule> deepVerify,
                        Optional<Schedule> backup) {
    public AppTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(quickVerify, "quickVerify");
        Objects.requireNonNull(deepVerify, "deepVerify");
        Objects.requireNonNull(backup, "backup");
    }

    /** What decides whether the schedules must be registered again: the name and the schedules. */
    boolean sameSchedules(AppTarget other) {
        return name.equals(other.name) && quickVerify.equals(other.quickVerify)
                && deepVerify.equals(other.deepVerify) && backup.equals(other.backup);
    }
}
