package dev.rewind.cli.pg;

import dev.rewind.error.Reason;
import dev.rewind.error.RewindException;
import dev.rewind.cli.RewindCommand;
import dev.rewind.kube.KubernetesConnection;
import dev.rewind.pg.ArchiveLocation;
import dev.rewind.pg.ArchiveLocator;
import dev.rewind.pg.S3Options;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the archive is (a picocli mixin): {@code --cluster C [-n NS] [--kubeconfig FILE] [--context CTX]} (resolved
 * through the cluster's ObjectStore and Secret) or
 * {@code --archive s3://bucket[/path] | file:///dir --server-name N [--endpoint URL] [--region R]} (credentials
 * from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the AWS default chain).
 */
final class ArchiveOptions {
    @Mixin
    CnpgClusterOptions cluster;

    @Option(names = "--archive", paramLabel = "URL",
            description = "s3://bucket[/path] or file:///dir (a local mirror of the bucket) instead of --cluster.")
    Optional<String> archive = Optional.empty();

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "Archive folder with --archive (the plugin's serverName, by default the Cluster name).")
    Optional<String> serverName = Optional.empty();

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "S3 endpoint (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS).")
    Optional<String> endpoint = Optional.empty();

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region (default: AWS_REGION, else us-east-1).")
    Optional<String> region = Optional.empty();

    /**
     * @param rewind the invocation: its environment gives {@code AWS_*} for {@code --archive s3://…} and
     *               {@code KUBECONFIG} for {@code --cluster}
     */
    ArchiveLocation locate(RewindCommand rewind) {
        if (archive.isPresent() == cluster.cluster.isPresent()) {
            throw new RewindException(Reason.INVALID_INPUT, "give either --cluster or --archive with --server-name");
        }
        if (archive.isPresent()) {
            String server = serverName.orElseThrow(() -> new RewindException(Reason.INVALID_INPUT,
                    "--archive needs --server-name"));
            return ArchiveLocator.offline(archive.get(), server, new S3Options(endpoint, region),
                    rewind.environment());
        }
        try (KubernetesConnection connection = cluster.connect(rewind)) {
            return new ArchiveLocator(connection.reader()).locate(cluster.namespace(connection), cluster.cluster());
        }
    }
}
