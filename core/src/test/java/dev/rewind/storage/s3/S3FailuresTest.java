package dev.rewind.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rewind.error.Reason;
import dev.rewind.storage.BlobId;
import dev.rewind.storage.BlobNotFoundException;
import dev.rewind.storage.StorageException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The translation table of {@link S3Failures}, one SDK exception at a time. */
class S3FailuresTest {
    private static final BlobId BLOB = BlobId.of("p0123");
    private static final S3Settings SETTINGS = S3Settings.of("volsync", "app/")
            .withEndpoint(URI.create("https://garage.storage:3900"))
            .withCredentials(new S3Credentials.Static("GKKEY", "s3cr3t-value"));
    private final S3Failures failures = new S3Failures(SETTINGS, SETTINGS.describe());

    private static S3Exception service(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("server says no").build())
                .message("server says no").build();
    }

    private StorageException read(Exception e) {
        return failures.translate((software.amazon.awssdk.core.exception.SdkException) e, "GetObject", BLOB);
    }

    @Test
    void notFoundKinds() {
        assertThat(read(service(404, "NoSuchKey"))).isInstanceOf(BlobNotFoundException.class);
        assertThat(read(service(404, null))).isInstanceOf(BlobNotFoundException.class);
        StorageException bucket = read(service(404, "NoSuchBucket"));
        assertThat(bucket).isNotInstanceOf(BlobNotFoundException.class);
        assertThat(bucket.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(bucket.getMessage()).isEqualTo("bucket volsync not found at https://garage.storage:3900");
    }

    @Test
    void credentialProblemsAreUnavailableNotRetryableWithAHint() {
        for (S3Exception e : new S3Exception[] {service(403, "AccessDenied"), service(403, "InvalidAccessKeyId"),
                service(403, "SignatureDoesNotMatch"), service(403, null), service(400, "ExpiredToken")}) {
            StorageException t = read(e);

            assertThat(t.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(t.retryable()).isFalse();
            assertThat(t.getMessage()).startsWith("access denied to s3://volsync/app/ at https://garage.storage:3900")
                    .doesNotContain("s3cr3t-value");
            assertThat(t.hint()).hasValueSatisfying(h -> assertThat(h).contains("AWS_SECRET_ACCESS_KEY"));
        }
    }

    @Test
    void serverTroubleIsRetryable() {
        for (S3Exception e : new S3Exception[] {service(500, "InternalError"), service(503, "SlowDown"),
                service(503, null), service(429, null), service(400, "RequestTimeout"),
                service(400, "Throttling")}) {
            StorageException t = read(e);

            assertThat(t.reason()).as(e.toString()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(t.retryable()).as(e.toString()).isTrue();
            assertThat(t.getMessage()).contains("p0123").contains("HTTP " + e.statusCode());
        }
    }

    @Test
    void wrongRegionIsNotRetryableAndHintsAtTheRegion() {
        StorageException t = read(service(400, "AuthorizationHeaderMalformed"));

        assertThat(t.retryable()).isFalse();
        assertThat(t.hint()).hasValueSatisfying(h -> assertThat(h).contains("AWS_REGION"));
    }

    @Test
    void otherClientErrorsAreNotRetryable() {
        StorageException t = read(service(400, "InvalidArgument"));

        assertThat(t.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(t.retryable()).isFalse();
    }

    @Test
    void unreachableEndpointsAreRetryableAndNamed() {
        for (Exception cause : new Exception[] {new ConnectException("Connection refused"),
                new UnknownHostException("garage.storage")}) {
            StorageException t = read(SdkClientException.create("Unable to execute HTTP request", cause));

            assertThat(t.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(t.retryable()).isTrue();
            assertThat(t.getMessage()).contains("cannot reach S3 endpoint https://garage.storage:3900");
        }
    }

    @Test
    void timeoutsAreRetryable() {
        StorageException socket = read(SdkClientException.create("read timed out", new SocketTimeoutException()));
        StorageException call = read(ApiCallTimeoutException.create(Duration.ofSeconds(120).toMillis()));

        assertThat(socket.retryable()).isTrue();
        assertThat(socket.getMessage()).contains("timed out");
        assertThat(call.retryable()).isTrue();
        assertThat(call.reason()).isEqualTo(Reason.UNAVAILABLE);
    }
}
