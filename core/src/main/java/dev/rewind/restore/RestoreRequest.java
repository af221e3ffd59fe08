package dev.rewind.restore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asked for.
 *
 * @param app              the application (ReplicationSource) name
 * @param namespace        its namespace, or empty to search all namespaces
 * @param selector         which snapshot
 * @param mode             in-place (default) or replace
 * @param dryRun           plan only, change nothing
 * @param noSafetySnapshot skip the pre-restore VolumeSnapshot (e.g. the claim is already lost)
 * @param allowEmpty       accept a snapshot with no files
 * @param timeout          overrides the size-based deadline of the RESTORE phase
 * @param options          verification, log streaming and autoscaler handling
 */
public record RestoreRequest(String app, Optional<String> namespace, SnapshotSelector selector, RestoreMode mode,
                             boolean dryRun, boolean noSafetySnapshot, boolean allowEmpty, Optional<Duration> timeout,
                             RestoreOptions options) {
    public RestoreRequest {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A request with {@link RestoreOptions#none()}. */
    public RestoreRequest(String app, Optional<String> namespace, SnapshotSelector selector, RestoreMode mode,
                          boolean dryRun, boolean noSafetySnapshot, boolean allowEmpty, Optional<Duration> timeout) {
        this(app, namespace, selector, mode, dryRun, noSafetySnapshot, allowEmpty, timeout, RestoreOptions.none());
    }

    /** An in-place restore of {@code app} with the given selector and default options. */
    public static RestoreRequest inPlace(String app, String namespace, SnapshotSelector selector) {
        return new RestoreRequest(app, Optional.of(namespace), selector, RestoreMode.IN_PLACE, false, false, false,
                Optional.empty());
    }

    public RestoreRequest withDryRun(boolean value) {
        return new RestoreRequest(app, namespace, selector, mode, value, noSafetySnapshot, allowEmpty, timeout, options);
    }

    public RestoreRequest withMode(RestoreMode value) {
        return new RestoreRequest(app, namespace, selector, value, dryRun, noSafetySnapshot, allowEmpty, timeout, options);
    }

    public RestoreRequest withNoSafetySnapshot(boolean value) {
        return new RestoreRequest(app, namespace, selector, mode, dryRun, value, allowEmpty, timeout, options);
    }

    public RestoreRequest withAllowEmpty(boolean value) {
        return new RestoreRequest(app, namespace, selector, mode, dryRun, noSafetySnapshot, value, timeout, options);
    }

    public RestoreRequest withOptions(RestoreOptions value) {
        return new RestoreRequest(app, namespace, selector, mode, dryRun, noSafetySnapshot, allowEmpty, timeout, value);
    }
}
