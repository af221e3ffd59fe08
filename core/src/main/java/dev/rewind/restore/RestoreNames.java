package dev.rewind.restore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * The names of the objects one restore run creates, derived from the app and the run's start stamp so that a resumed
 * run finds them again.
 *
 * @param app   application name
 * @param stamp {@code yyyyMMddHHmmss} (UTC) of the run's start
 */
record RestoreNames(String app, String stamp) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Labels on everything rewind creates. */
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String RESTORE_LABEL = "rewind.dev/restore";

    RestoreNames {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stamp, "stamp");
    }

    static RestoreNames startingAt(String app, Instant at) {
        return new RestoreNames(app, STAMP.format(at));
    }

    /** The temporary ReplicationDestination {@code <app>-rewind-<stamp>}. */
    String destination() {
        return app + "-rewind-" + stamp;
    }

    /** The pre-restore VolumeSnapshot {@code <app>-rewind-<stamp>-safety}. */
    String safetySnapshot() {
        return app + "-rewind-" + stamp + "-safety";
    }

    /** The POST_VERIFY counting pod {@code <app>-rewind-<stamp>-verify}. */
    String verifyPod() {
        return app + "-rewind-" + stamp + "-verify";
    }

    /** The journal ConfigMap and the Lease: {@code rewind-restore-<app>}. */
    static String journal(String app) {
        return "rewind-restore-" + app;
    }

    Map<String, String> labels() {
        return Map.of(MANAGED_BY, "rewind", RESTORE_LABEL, app);
    }
}
