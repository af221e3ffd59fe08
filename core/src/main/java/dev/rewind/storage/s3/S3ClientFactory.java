package dev.rewind.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the SDK client for {@link S3BlobStore}: Apache HTTP client with the configured timeouts, SDK retries off,
 * checksums only when required (Garage rejects or ignores the newer default CRC headers), path-style addressing
 * when asked.
 */
final class S3ClientFactory {
    private S3ClientFactory() {
    }

    // ApacheHttpClient (Apache HttpClient 4) is deprecated since SDK 2.3x in favour of apache5-client; it is the
    // client this build ships (netty excluded) and still fully supported.
    @SuppressWarnings("deprecation")
    static S3Client create(S3Settings settings) {
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.requestTimeout())
                        .maxConnections(64))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings.credentials()))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(settings.requestTimeout()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Credentials credentials) {
        return switch (credentials) {
            case S3Credentials.Static s -> StaticCredentialsProvider.create(s.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())));
            case S3Credentials.DefaultChain d -> DefaultCredentialsProvider.builder().build();
        };
    }
}
