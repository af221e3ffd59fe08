package dev.rewind.cli;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.restore.RestoreRequest;
import dev.rewind.restore.wholeapp.AppRestoreRequest;
import dev.rewind.restore.wholeapp.DatabaseChoice;
import dev.rewind.restore.wholeapp.SwitchMode;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code rewind restore --with-database …}: the whole-app restore's options (a picocli mixin). */
final class DatabaseOptions {
    @Option(names = "--with-database", description = "Also recover the app's CNPG database to --timestamp T into a"
            + " new cluster and switch the app to it (docs/runbooks/restore-app.md).")
    boolean withDatabase;
    @Option(names = "--database-cluster", paramLabel = "NAME",
            description = "The app's CNPG Cluster (default: found in its env/envFrom).")
    String cluster;
    @Option(names = "--database-namespace", paramLabel = "NS", description = "Namespace of --database-cluster.")
    String namespace;
    @Option(names = "--new-cluster-name", paramLabel = "NAME",
            description = "Name of the recovered cluster (default <cluster>-<app>-<yyyyMMddHHmm of T>).")
    String newClusterName;
    @Option(names = "--switch", paramLabel = "MODE", defaultValue = "secret",
            description = "secret (rewind switches the host while the app is down; refused where an ExternalSecret,"
                    + " Flux or Helm owns it) or none (you commit the printed Git change).")
    String switchMode;
    @Option(names = "--max-gap", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Volume snapshot older than T by at most this is CONSISTENT (default 1h).")
    Duration maxGap;

    /** INVALID_INPUT when a database option is given without {@code --with-database}. */
    void validate() {
        if (!withDatabase && (cluster != null || namespace != null || newClusterName != null || maxGap != null
                || !"secret".equals(switchMode))) {
            throw new RewindException(Reason.INVALID_INPUT, "--database-cluster, --database-namespace,"
                    + " --new-cluster-name, --switch and --max-gap need --with-database");
        }
    }

    AppRestoreRequest request(RestoreRequest volume) {
        return new AppRestoreRequest(volume, Optional.ofNullable(cluster)
                .map(c -> new DatabaseChoice(c, Optional.ofNullable(namespace))), Optional.ofNullable(newClusterName),
                SwitchMode.parse(switchMode), Optional.ofNullable(maxGap).orElse(AppRestoreRequest.DEFAULT_MAX_GAP));
    }
}
