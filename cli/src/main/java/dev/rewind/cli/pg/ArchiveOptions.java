package dev.rewind.cli.pg;

import dev.rewind.kube.Fabric8ClusterReader;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.pg.S3Options;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the archive is: {@code --cluster C [-n NS]} (resolved through the cluster's ObjectStore and Secret) or
 * {@code --archive s3://bucket[/path] | file:///dir --server-name N [--endpoint URL] [--region R]} (credentials from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS default chain).
 */
final class ArchiveOptions {
    @ArgGroup(exclusive = false)
    ClusterOptions cluster;

    @ArgGroup(exclusive = false)
    Offline offline;

    static final class Offline {
        @Option(names = "--archive", required = true, paramLabel = "URL",
                description = "s3://bucket[/path] or file:///dir (a local mirror of the bucket).")
        String archive;

        @Option(names = "--server-name", required = true, paramLabel = "NAME",
                description = "Archive folder (the plugin's serverName, by default the Cluster name).")
        String serverName;

        @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint (default: AWS_ENDPOINT_URL_S3,"
                + " AWS_ENDPOINT_URL, else AWS).")
        Optional<String> endpoint = Optional.empty();

        @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: AWS_REGION, else"
                + " us-east-1).")
        Optional<String> region = Optional.empty();
    }

    ArchiveLocation locate() {
        if (offline != null) {
            return ArchiveLocator.offline(offline.archive, offline.serverName,
                    new S3Options(offline.endpoint, offline.region), System.getenv());
        }
        try (Fabric8ClusterReader reader = cluster.connect()) {
            return new ArchiveLocator(reader).locate(cluster.namespace(reader), cluster.cluster);
        }
    }
}
