package dev.rewind.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An explicitly configured Barman Cloud archive (one CNPG cluster's {@code ObjectStore}).
 *
 * @param name          the target name
 * @param url           the location of the archive ({@code destinationPath}), as {@code RepositoryLocation.parse}
 *                      accepts it; credentials come from the environment
 * @param serverName    the Barman server name (the folder under the destination path; CNPG's default is the
 *                      cluster name)
 * @param barmanVerify  the verification schedule, if any
 * @param maxBackupAge  RPO for base backups
 * @param maxWalAge     RPO for archived WAL
 */
public record ArchiveTarget(TargetName name, String url, String serverName, Optional<Schedule> barmanVerify,
                            Optional<Duration> maxBackupAge, Optional<Duration> maxWalAge) {
    public ArchiveTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(barmanVerify, "barmanVerify");
        Objects.requireNonNull(maxBackupAge, "maxBackupAge");
        Objects.requireNonNull(maxWalAge, "maxWalAge");
    }
}
