package dev.rewind.drill;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * The names of the objects one drill creates in the sandbox namespace, derived from the app and the drill's start
 * stamp: {@code <app>-drill-<yyyyMMddHHmmss>} (the app name cut to 30 characters so that Volsync's mover Job name
 * {@code volsync-dst-<rd>} stays a valid label value).
 *
 * @param app       application name
 * @param namespace the application's namespace (a label, so two apps of the same name stay apart)
 * @param stamp     {@code yyyyMMddHHmmss} (UTC) of the drill's start
 */
public record DrillNames(String app, String namespace, String stamp) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String DRILL_LABEL = "rewind.dev/drill";
    static final String DRILL_NAMESPACE_LABEL = "rewind.dev/drill-namespace";
    static final int MAX_APP_PART = 30;

    public DrillNames {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(stamp, "stamp");
    }

    static DrillNames startingAt(String app, String namespace, Instant at) {
        return new DrillNames(app, namespace, STAMP.format(at));
    }

    private String base() {
        String part = app.length() > MAX_APP_PART ? app.substring(0, MAX_APP_PART).replaceAll("-+$", "") : app;
        return part + "-drill-" + stamp;
    }

    /** The temporary ReplicationDestination. */
    public String destination() {
        return base();
    }

    /** The scratch claim the snapshot is restored into. */
    public String claim() {
        return base();
    }

    /** The copy of the app's repository Secret. */
    public String secret() {
        return base() + "-repository";
    }

    /** The checker pod. */
    public String checker() {
        return base() + "-check";
    }

    /** Labels on everything the drill creates. */
    public Map<String, String> labels() {
        return Map.of(MANAGED_BY, "rewind", DRILL_LABEL, app, DRILL_NAMESPACE_LABEL, namespace);
    }
}
