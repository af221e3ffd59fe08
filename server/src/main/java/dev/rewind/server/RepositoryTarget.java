package dev.rewind.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An explicitly configured Kopia repository (one app's Volsync backups).
 *
 * @param name          the target name
 * @param url           the repository location as {@code RepositoryLocation.parse} accepts it ({@code s3://…},
 *                      {@code /abs/path}, {@code filesystem:///abs/path}); credentials come from the environment
 * @param passwordFile  the file holding the repository password (read at every run, so a rotated Secret is picked up)
 * @param quickVerify   the quick verify schedule, if any
 * @param deepVerify    the deep verify schedule with its sample percentage, if any
 * @param maxSnapshotAge RPO: the newest complete snapshot must be younger than this
 */
public record RepositoryTarget(TargetName name, String url, Path passwordFile, Optional<Schedule> quickVerify,
                               Optional<Schedule> deepVerify, Optional<Duration> maxSnapshotAge) {
    public RepositoryTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(quickVerify, "quickVerify");
        Objects.requireNonNull(deepVerify, "deepVerify");
        Objects.requireNonNull(maxSnapshotAge, "maxSnapshotAge");
    }
}
